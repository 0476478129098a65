package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateMtsCommandTest {
  @TempDir Path tmp;

  @Test
  void shouldWriteScoresLabelsJsonMarkdownAndCharts() throws IOException {
    Path data = MtsRunnerTest.syntheticDataset(tmp.resolve("data"));
    Path out = tmp.resolve("out");
    int code =
        new CommandLine(new EvaluateMtsCommand())
            .execute(
                "--dir",
                data.toString(),
                "--out",
                out.toString(),
                "--detectors",
                "zscore,pca,knn1,augur");
    assertEquals(0, code);
    assertEquals(400, Files.readAllLines(out.resolve("augur/box-1.txt")).size());
    assertEquals(
        Files.readAllLines(data.resolve("test_label/box-1.txt")),
        Files.readAllLines(out.resolve("labels/box-1.txt")));
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(json.contains("\"command\": \"augur evaluate mts --dir"), json.substring(0, 200));
    assertTrue(
        json.contains("\"skipped\": [\"box-2 (missing train/box-2.txt, test/box-2.txt)\"]"), json);
    assertTrue(json.contains("\"pointAdjustedF1ForPapersOnly\""), "point-adjusted F1 is labelled");
    assertTrue(
        json.contains("\"detector\": \"augur\",\n      \"machines\": 1,\n      \"aucPr\": "),
        "means per detector");
    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| zscore |") && md.contains("| box-1 | augur |"), md);
    assertTrue(
        md.contains("| pca |")
            && md.contains("| knn1 |")
            && md.contains("| box-1 | pca |")
            && md.contains("| box-1 | knn1 |"),
        "the issue 14 baselines are in the means and per machine: " + md);
    assertEquals(400, Files.readAllLines(out.resolve("pca/box-1.txt")).size());
    assertEquals(400, Files.readAllLines(out.resolve("knn1/box-1.txt")).size());
    assertTrue(md.contains("only for comparison with papers"), md);
    for (String chart : new String[] {"box-1-scores.png", "box-1-pr.png", "box-1-roc.png"}) {
      BufferedImage img = ImageIO.read(out.resolve("plots").resolve(chart).toFile());
      assertTrue(img.getWidth() > 400, chart);
      java.util.Set<Integer> colours = new java.util.HashSet<>();
      for (int x = 0; x < img.getWidth(); x += 3) {
        for (int y = 0; y < img.getHeight(); y += 3) {
          colours.add(img.getRGB(x, y));
        }
      }
      assertTrue(
          colours.size() > 5, chart + " has something drawn on it: " + colours.size() + " colours");
    }
  }

  @CommandLine.Command(name = "evaluate", subcommands = EvaluateMtsCommand.class)
  static final class Parent implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void shouldRecordTheCommandAsTypedWhenRunAsASubcommand() throws IOException {
    Path data = MtsRunnerTest.syntheticDataset(tmp.resolve("data"));
    Path out = tmp.resolve("sub");
    int code =
        new CommandLine(new Parent())
            .execute(
                "mts", "--dir", data.toString(), "--out", out.toString(), "--detectors", "zscore");
    assertEquals(0, code);
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(json.contains("\"command\": \"evaluate mts --dir " + data), json.substring(0, 300));
  }

  @Test
  void shouldRejectAnUnknownDetectorNamingTheChoices() throws IOException {
    Path data = MtsRunnerTest.syntheticDataset(tmp.resolve("data"));
    CommandLine cli = new CommandLine(new EvaluateMtsCommand());
    java.io.StringWriter err = new java.io.StringWriter();
    cli.setErr(new java.io.PrintWriter(err));
    int code =
        cli.execute(
            "--dir", data.toString(), "--out", tmp.resolve("o").toString(), "--detectors", "nope");
    assertNotEquals(0, code);
    assertTrue(
        err.toString()
            .contains(
                "detector must be one of [zscore, pca, knn1, augur, augur-stacked, augur-isolation-forest, augur-lstm, augur-random-forest, iforest, iforest-zscore], got nope"),
        err.toString());
  }
}
