package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of every module's main code has no cycles beyond the ones listed in {@link
 * #KNOWN}, which are being removed: a new cycle fails, and so does a listed one that is gone (take
 * it off the list). Dependencies are read from the sources: imports, and fully qualified {@code
 * io.augur...} names in code (comments and strings are ignored, so a javadoc link is no
 * dependency).
 */
class PackageCyclesTest {
  /** Cycles allowed, each as its sorted packages joined by " ": none. */
  private static final Set<String> KNOWN = Set.of();

  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(io\\.augur(?:\\.[a-z]\\w*)+)\\.[A-Z]\\w*");

  @Test
  void shouldHaveNoPackageCyclesButTheKnownOnes() throws IOException {
    Map<String, Set<String>> graph = graph(repoRoot());
    assertTrue(graph.size() > 40, "read the packages of every module, found " + graph.keySet());
    Set<String> cycles = new TreeSet<>();
    for (Set<String> scc : stronglyConnected(graph)) {
      if (scc.size() > 1) {
        cycles.add(String.join(" ", new TreeSet<>(scc)));
      }
    }
    assertEquals(
        new TreeSet<>(KNOWN), cycles, "package cycles (left: expected known ones, right: found)");
  }

  static Path repoRoot() {
    String root = System.getProperty("augur.repo.root");
    Path here = root == null || root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root);
    return Files.isDirectory(here.resolve("cli")) ? here : here.getParent();
  }

  static Map<String, Set<String>> graph(Path root) throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root, 14)) {
      files =
          s.filter(
                  p ->
                      p.toString().endsWith(".java")
                          && p.toString().contains("/src/main/java/")
                          && !p.toString().contains("/target/")
                          && !p.getFileName().toString().equals("package-info.java"))
              .toList();
    }
    for (Path f : files) {
      String src = Files.readString(f);
      Matcher pm = PACKAGE.matcher(src);
      if (!pm.find()) {
        continue;
      }
      String pkg = pm.group(1);
      Set<String> deps = g.computeIfAbsent(pkg, k -> new TreeSet<>());
      Matcher rm = REFERENCE.matcher(stripCommentsAndStrings(src));
      while (rm.find()) {
        String dep = rm.group(1);
        if (!dep.equals(pkg)) {
          deps.add(dep);
        }
      }
    }
    g.values().forEach(d -> d.retainAll(g.keySet()));
    return g;
  }

  static String stripCommentsAndStrings(String src) {
    String s = src.replaceAll("(?s)/\\*.*?\\*/", " ");
    s = s.replaceAll("//[^\\n]*", " ");
    s = s.replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    return s.replaceAll("(?m)^package [\\w.]+;", " ");
  }

  /** Tarjan's strongly connected components. */
  static List<Set<String>> stronglyConnected(Map<String, Set<String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] counter = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, g, index, low, stack, onStack, out, counter);
      }
    }
    return out;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> g,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> out,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, g, index, low, stack, onStack, out, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> scc = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        scc.add(w);
      } while (!w.equals(v));
      out.add(scc);
    }
  }
}
