package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code augur run} builds the chaos planner from every {@code chaos.*} key of its file. */
class RunChaosConfigTest {
  @TempDir Path tmp;

  private static final String BASE =
      """
      prometheus:
        url: http://127.0.0.1:9
        selectors: ['up{job="node"}']
      kafka:
        brokers: 127.0.0.1:9
        chaosTopic: augur-chaos-targets
      """;

  @Test
  void shouldWireThePlannerWithItsHealthPollerAndOutcomeLogFromTheFile() throws Exception {
    int without = operators(run(0, file("plain.yaml", BASE)));
    String out =
        run(
            0,
            file(
                "chaos.yaml",
                BASE
                    + """
        chaos:
          namespaces: [shop]
          maxImpact: 0.04
          defaultReplicas: 2
          outcomeLog: %s
        """
                        .formatted(tmp.resolve("outcomes.jsonl"))));
    // + replica counts, health poller, outcome follower and its flattening, the planner and its
    // sink
    assertTrue(operators(out) >= without + 5, without + " -> " + out);
  }

  @Test
  void shouldRefuseAMisspelledChaosKeyNamingIt() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true));
    try {
      run(2, file("bad.yaml", BASE + "chaos:\n  namespaces: [shop]\n  maxImpactt: 0.04\n"));
    } finally {
      System.setErr(old);
    }
    assertTrue(err.toString().contains("chaos.maxImpactt"), err.toString());
  }

  private Path file(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private static int operators(String out) {
    Matcher m = Pattern.compile("job graph has (\\d+) operators").matcher(out);
    assertTrue(m.find(), out);
    return Integer.parseInt(m.group(1));
  }

  private static String run(int expectedExit, Path config) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(
          expectedExit,
          Augur.commandLine().execute("run", "--config", config.toString(), "--dry-run"));
    } finally {
      System.setOut(old);
    }
    return buf.toString();
  }
}
