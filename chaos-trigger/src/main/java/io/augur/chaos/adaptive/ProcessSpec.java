package io.augur.chaos.adaptive;

import io.augur.domain.Checks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one instance of a local service. {@code ${PORT}} in the command and the environment
 * is replaced by the port the instance is given (a free one on 127.0.0.1); {@code ${ATTEMPT}} by
 * the number of instances started so far for the service.
 *
 * @param cwd the working directory, or null for the current one
 */
public record ProcessSpec(List<String> command, Path cwd, Map<String, String> env) {
  public ProcessSpec {
    command = List.copyOf(Checks.noNullElements("command", command));
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("command must name a program, got " + command);
    }
    env = Map.copyOf(env == null ? Map.of() : env);
  }

  public static ProcessSpec of(String... command) {
    return new ProcessSpec(List.of(command), null, Map.of());
  }

  List<String> commandFor(int port, int attempt) {
    return command.stream().map(c -> expand(c, port, attempt)).toList();
  }

  Map<String, String> envFor(int port, int attempt) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    env.forEach((k, v) -> m.put(k, expand(v, port, attempt)));
    return m;
  }

  private static String expand(String s, int port, int attempt) {
    return s.replace("${PORT}", Integer.toString(port))
        .replace("${ATTEMPT}", Integer.toString(attempt));
  }
}
