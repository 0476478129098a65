package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  private static final Path REPO = Path.of(System.getProperty("augur.repo.root", ".."));

  @TempDir Path tmp;

  @Test
  void shippedExampleConfigShouldParseCompletely() throws Exception {
    RunConfig c = RunConfig.read(REPO.resolve("deploy/augur.yaml"));
    assertEquals("http://prometheus.monitoring.svc:9090", c.prometheus().url());
    assertEquals(2, c.alertmanager().urls().size());
    assertEquals(4, c.job().parallelism());
    assertEquals(java.util.List.of("shop", "payments"), c.chaos().namespaces());
  }

  @Test
  void shouldRejectAnUnknownKeyNamingIt() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "prometheus:\n  ulr: http://x:9090\n");
    var e = assertThrows(UnrecognizedPropertyException.class, () -> RunConfig.read(f));
    assertTrue(e.getMessage().contains("\"ulr\""), e.getMessage());
  }

  @Test
  void shouldBuildTheJobGraphFromFlagsInADryRun() {
    String out = run(0, "run", "--prometheus-url", "http://127.0.0.1:9", "--selector", "up{job=\"node\"}",
        "--alertmanager-url", "http://127.0.0.1:9093", "--dry-run");
    assertTrue(out.contains("configuration valid"), out);
  }

  @Test
  void shouldRefuseToRunWithoutAnInput() {
    run(2, "run", "--dry-run");
  }

  private static String run(int expectedExit, String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(expectedExit, Augur.commandLine().execute(args));
    } finally {
      System.setOut(old);
    }
    return buf.toString();
  }
}
