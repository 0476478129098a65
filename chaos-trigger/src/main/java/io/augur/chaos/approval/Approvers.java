package io.augur.chaos.approval;

import io.augur.chaos.safety.SafetyGates;
import io.augur.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The people who may approve experiments: plain identifiers ({@code [A-Za-z][A-Za-z0-9._-]*}, at
 * most 64 characters), matched exactly. {@value SafetyGates#POLICY} is never a person and cannot be
 * listed. An empty list approves nothing.
 */
public final class Approvers {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  private final Set<String> names;
  private final String source;

  private Approvers(Set<String> names, String source) {
    this.names = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(names));
    this.source = source;
  }

  /** The given names; {@code source} says where they came from, for messages. */
  public static Approvers of(Collection<String> names, String source) {
    Checks.noNullElements("names", names);
    Checks.nonBlank("source", source);
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      out.add(checked(n, source));
    }
    return new Approvers(out, source);
  }

  /** Nobody: a queue that only collects plans. */
  public static Approvers none() {
    return new Approvers(Set.of(), "no approvers configured");
  }

  /** One name per line; blank lines and text after '#' are ignored. */
  public static Approvers read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Checks.nonNull("file", file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read approvers file " + file, e);
    }
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int hash = l.indexOf('#');
      String n = (hash >= 0 ? l.substring(0, hash) : l).trim();
      if (!n.isEmpty()) {
        out.add(checked(n, file + " line " + (i + 1)));
      }
    }
    return new Approvers(out, "approvers file " + file);
  }

  private static String checked(String name, String where) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "approver name must be a plain identifier ([A-Za-z][A-Za-z0-9._-]*, at most 64 "
              + "characters), got \""
              + name
              + "\" in "
              + where);
    }
    if (SafetyGates.POLICY.equalsIgnoreCase(name)) {
      throw new IllegalArgumentException(
          "\"" + name + "\" is not a person and cannot be an approver (" + where + ")");
    }
    return name;
  }

  public boolean contains(String name) {
    return name != null && names.contains(name);
  }

  public Set<String> names() {
    return names;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return names + " (" + source + ")";
  }
}
