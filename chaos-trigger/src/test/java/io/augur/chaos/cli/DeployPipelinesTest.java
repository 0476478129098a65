package io.augur.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The example CI pipelines under deploy/ci parse as YAML, and every {@code augur chaos} command in
 * their scripts parses with the real picocli commands: no option that does not exist, no value of
 * the wrong type. The gate itself runs plans with the Kubernetes executor, for real, failing on a
 * violation.
 */
class DeployPipelinesTest {
  static Path ciDir() {
    String root = System.getProperty("augur.repo.root");
    Path start = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy/ci"))) {
        return p.resolve("deploy/ci");
      }
    }
    throw new AssertionError("no deploy/ci above " + start);
  }

  static List<Path> pipelines() throws IOException {
    try (Stream<Path> s = Files.list(ciDir())) {
      return s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  /** Every string in the document, and the variables of every variables:/env: map in it. */
  static void walk(JsonNode n, List<String> strings, Map<String, String> vars) {
    if (n.isTextual()) {
      strings.add(n.asText());
    } else if (n.isObject()) {
      n.properties()
          .forEach(
              e -> {
                if ((e.getKey().equals("variables") || e.getKey().equals("env"))
                    && e.getValue().isObject()) {
                  e.getValue()
                      .properties()
                      .forEach(v -> vars.put(v.getKey(), v.getValue().asText()));
                }
                walk(e.getValue(), strings, vars);
              });
    } else if (n.isArray()) {
      n.forEach(c -> walk(c, strings, vars));
    }
  }

  static ParseResult parse(List<String> words) {
    return new CommandLine(new ChaosCommand()).parseArgs(words.toArray(String[]::new));
  }

  @Test
  void shouldShipPipelinesWhoseChaosCommandsTheRealCommandsAccept() throws IOException {
    List<Path> files = pipelines();
    assertTrue(files.size() >= 1, "an example pipeline under " + ciDir());
    for (Path f : files) {
      JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(f.toFile());
      assertTrue(doc != null && doc.isObject(), f + " is a YAML map");
      List<String> strings = new ArrayList<>();
      Map<String, String> vars = new HashMap<>();
      walk(doc, strings, vars);
      List<List<String>> commands = new ArrayList<>();
      for (String s : strings) {
        commands.addAll(ShellWords.chaosCommands(s, vars));
      }
      String planOut = null;
      List<ParseResult> runs = new ArrayList<>();
      for (List<String> c : commands) {
        ParseResult r;
        try {
          r = parse(c);
        } catch (CommandLine.ParameterException e) {
          throw new AssertionError(
              f.getFileName() + ": augur chaos " + String.join(" ", c) + ": " + e.getMessage(), e);
        }
        ParseResult sub = r.subcommand();
        assertTrue(sub != null, f.getFileName() + ": augur chaos " + c + " names a subcommand");
        if (sub.commandSpec().name().equals("plan")) {
          planOut = sub.matchedOptionValue("--out", (Path) null).toString();
        } else if (sub.commandSpec().name().equals("run")) {
          runs.add(sub);
        }
      }
      assertTrue(
          planOut != null, f.getFileName() + " plans with augur chaos plan --out: " + commands);
      assertFalse(runs.isEmpty(), f.getFileName() + " runs with augur chaos run: " + commands);
      for (ParseResult run : runs) {
        assertEquals(
            Executors.Kind.kubernetes,
            run.matchedOptionValue("--executor", Executors.Kind.local),
            f.toString());
        assertTrue(
            run.hasMatchedOption("--apply") && run.hasMatchedOption("--fail-on-violation"),
            f.toString());
        assertEquals("30m", run.matchedOptionValue("--timeout", ""), f.toString());
        List<Path> plans = run.matchedPositionalValue(0, List.of());
        String expected = Path.of(planOut).resolve(PlanCommand.PLANS_DIR).toString();
        assertTrue(
            !plans.isEmpty()
                && plans.stream().allMatch(p -> p.toString().startsWith(expected + "/")),
            f.getFileName()
                + ": runs the plan files augur chaos plan wrote to "
                + expected
                + ", got "
                + plans);
      }
    }
  }

  @Test
  void shouldCatchAnOptionTheCommandsDoNotHave() {
    Map<String, String> vars = Map.of("PROM", "http://127.0.0.1:9090");
    List<List<String>> c =
        ShellWords.chaosCommands(
            "set -e\n./augur chaos run a.plan.yaml \\\n  --executer local"
                + " --prometheus \"$PROM\" | tee out.txt # comment",
            vars);
    assertEquals(
        List.of(
            List.of(
                "run",
                "a.plan.yaml",
                "--executer",
                "local",
                "--prometheus",
                "http://127.0.0.1:9090")),
        c);
    assertThrows(CommandLine.UnmatchedArgumentException.class, () -> parse(c.get(0)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ShellWords.chaosCommands("augur chaos run $NOPE", vars));
    assertThrows(
        CommandLine.ParameterException.class,
        () -> parse(List.of("run", "a.plan.yaml", "--max-plans", "many")));
  }
}
