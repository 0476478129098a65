package io.augur.config;

import java.util.List;

/**
 * Everything wrong with a configuration, one line per problem, each naming the key, the value
 * (never a secret's), where it came from and what was expected. The message is the lines joined.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each, in the order the layers were read. */
  public List<String> problems() {
    return problems;
  }
}
