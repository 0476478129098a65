package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executes the notebooks headless on the committed sample report, as CI does. */
class NotebooksTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path tmp;

  @Test
  void shouldExecuteEveryNotebookOnTheSampleReportWithoutACellFailing() throws Exception {
    Path notebooks = TestDatasets.repoRoot().resolve("notebooks");
    assumeTrue(
        Files.isRegularFile(notebooks.resolve("run.sh")),
        "notebooks/run.sh not found under " + notebooks);
    assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is absent: install Debian's python3");
    assumeTrue(
        run(List.of(PYTHON.toString(), "-c", "import nbconvert, ipykernel, pandas, matplotlib"), 60)
                .exit
            == 0,
        "/usr/bin/python3 lacks jupyter: apt-get install jupyter-nbconvert python3-ipykernel python3-pandas "
            + "python3-matplotlib");
    Path out = tmp.resolve("executed");
    Result r =
        run(
            List.of(
                "bash",
                notebooks.resolve("run.sh").toString(),
                notebooks.resolve("sample-report").toString(),
                out.toString()),
            600);
    assertEquals(0, r.exit, r.output);
    List<Path> executed;
    try (Stream<Path> files = Files.list(out)) {
      executed = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    try (Stream<Path> files = Files.list(notebooks)) {
      assertEquals(
          files.filter(p -> p.toString().endsWith(".ipynb")).count(), executed.size(), r.output);
    }
    for (Path nb : executed) {
      String text = Files.readString(nb);
      assertFalse(text.contains("\"output_type\": \"error\""), nb + " has a failed cell");
      assertTrue(text.contains("image/png") || text.contains("text/html"), nb + " shows something");
    }
  }

  @Test
  void shouldRefuseADirectoryWithoutAReport() throws Exception {
    Path notebooks = TestDatasets.repoRoot().resolve("notebooks");
    assumeTrue(
        Files.isRegularFile(notebooks.resolve("run.sh")),
        "notebooks/run.sh not found under " + notebooks);
    Result r = run(List.of("bash", notebooks.resolve("run.sh").toString(), tmp.toString()), 60);
    assertEquals(2, r.exit, r.output);
    assertTrue(r.output.contains("must hold report.json"), r.output);
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command);
    }
    return new Result(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
  }
}
