package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.evaluation.cli.EvaluateNabCommand;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code nab} command end to end on small corpora: results in NAB's layout, reports and charts.
 */
class EvaluateNabCommandTest {

  private static final List<String> SUBSET =
      List.of(
          "realKnownCause/ec2_request_latency_system_failure.csv",
          "realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv",
          "artificialNoAnomaly/art_daily_no_noise.csv");

  /** Copies three real NAB files and their windows into a NAB-shaped directory. */
  private static Path nabSubset(Path dir) throws IOException {
    Path nab = NabTestData.nabDir();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode windows = mapper.readTree(nab.resolve("labels/combined_windows.json").toFile());
    Map<String, JsonNode> subsetWindows = new java.util.LinkedHashMap<>();
    for (String f : SUBSET) {
      Path target = dir.resolve("data").resolve(f);
      Files.createDirectories(target.getParent());
      Files.copy(nab.resolve("data").resolve(f), target);
      subsetWindows.put(f, windows.get(f));
    }
    Files.createDirectories(dir.resolve("labels"));
    mapper.writeValue(dir.resolve("labels/combined_windows.json").toFile(), subsetWindows);
    Files.createDirectories(dir.resolve("config"));
    Files.copy(nab.resolve("config/thresholds.json"), dir.resolve("config/thresholds.json"));
    return dir;
  }

  private static int run(String... args) {
    return new CommandLine(new EvaluateNabCommand()).execute(args);
  }

  @Test
  void shouldWriteResultsReportsAndChartsForThreeNabFiles(@TempDir Path tmp) throws IOException {
    Path nab = nabSubset(tmp.resolve("nab"));
    Path out = tmp.resolve("out");
    int exit =
        run(
            "--nab-dir",
            nab.toString(),
            "--out",
            out.toString(),
            "--detectors",
            "windowedGaussian,randomCutForest",
            "--stored-thresholds");
    assertEquals(0, exit);

    for (String detector : List.of("windowedGaussian", "randomCutForest")) {
      Path result =
          out.resolve(
              detector + "/realKnownCause/" + detector + "_ec2_request_latency_system_failure.csv");
      assertEquals("timestamp,value,anomaly_score,label", Files.readAllLines(result).get(0));
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertTrue(
        report.path("command").asText().startsWith("augur evaluate nab --nab-dir"),
        report.path("command").asText());
    assertTrue(report.has("gitCommit"));
    assertEquals(3, report.path("corpus").path("files").asInt());
    JsonNode wg = report.path("detectors").get(0);
    assertEquals("windowedGaussian", wg.path("name").asText());
    for (String p : List.of("standard", "reward_low_FP_rate", "reward_low_FN_rate")) {
      JsonNode s = wg.path("scores").path(p);
      assertTrue(s.path("score").isNumber() && s.path("threshold").isNumber(), p + ": " + s);
      assertTrue(s.path("categories").has("realKnownCause"), p + ": " + s);
      assertTrue(
          wg.path("atStoredThreshold").path(p).path("threshold").asDouble() == 1.0,
          "NAB's stored WG threshold");
    }
    JsonNode forest = report.path("detectors").get(1);
    assertTrue(forest.path("seconds").asDouble() > 0);
    assertTrue(
        forest.path("atStoredThreshold").isMissingNode(),
        "NAB's stored randomCutForest thresholds belong to AWS's hosted RCF, not to the library");

    String md = Files.readString(out.resolve("report.md"));
    assertTrue(md.contains("| windowedGaussian |") && md.contains("| randomCutForest |"), md);
    assertTrue(md.contains("![plots/nab_scores.png]"), md);
    for (JsonNode plot : report.path("plots")) {
      BufferedImage img = ImageIO.read(out.resolve(plot.asText()).toFile());
      assertTrue(img.getWidth() >= 600 && img.getHeight() >= 400, plot.asText());
    }
    // by default the server-metric files present are charted: two of the three here, plus the score
    // bars and the
    // ROC and precision-recall charts
    assertEquals(2 + 3, report.path("plots").size(), report.path("plots").toString());
    assertTrue(md.contains("![plots/nab_roc.png]") && md.contains("![plots/nab_pr.png]"), md);
    JsonNode curves = wg.path("curves");
    assertTrue(
        curves.path("rocAuc").asDouble() > 0 && curves.path("rocAuc").asDouble() < 1,
        curves.toString());
    assertTrue(curves.path("roc").size() >= 2 && curves.path("pr").size() >= 2, curves.toString());
    assertTrue(md.contains("## Per category (reward_low_FN_rate profile"), md);
  }

  @Test
  void shouldReproducePublishedNumentaScoreFromReferenceResultsThroughTheCommand(@TempDir Path out)
      throws IOException {
    Path nab = NabTestData.nabDir();
    int exit =
        run(
            "--nab-dir",
            nab.toString(),
            "--out",
            out.toString(),
            "--detectors",
            "numenta",
            "--results-dir",
            nab.resolve("reference_results").toString(),
            "--stored-thresholds",
            "--plot-files",
            "realKnownCause/nyc_taxi.csv");
    assertEquals(0, exit);
    JsonNode numenta =
        new ObjectMapper().readTree(out.resolve("report.json").toFile()).path("detectors").get(0);
    assertEquals(
        70.10, numenta.path("atStoredThreshold").path("standard").path("score").asDouble(), 0.005);
    assertEquals(
        63.209, numenta.path("scores").path("reward_low_FP_rate").path("score").asDouble(), 5e-4);
  }

  @Test
  void shouldRunOnSyntheticMiniCorpusWithoutSharedData(@TempDir Path out) throws IOException {
    int exit =
        run(
            "--nab-dir",
            NabRunnerTest.miniCorpusDir().toString(),
            "--out",
            out.toString(),
            "--detectors",
            "windowedGaussian",
            "--profiles",
            "standard");
    assertEquals(0, exit);
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(1, report.path("profiles").size());
    assertEquals(2, report.path("corpus").path("windows").asInt());
    assertTrue(
        Files.isRegularFile(out.resolve("windowedGaussian/synthB/windowedGaussian_quiet.csv")));
  }

  @Test
  void shouldFailNamingKnownDetectorsForUnknownOne(@TempDir Path out) {
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine cli = new CommandLine(new EvaluateNabCommand());
    cli.setErr(new java.io.PrintWriter(err));
    int exit =
        cli.execute(
            "--nab-dir",
            NabRunnerTest.miniCorpusDir().toString(),
            "--out",
            out.toString(),
            "--detectors",
            "nope");
    assertNotEquals(0, exit);
    assertTrue(
        err.toString().contains("windowedGaussian") && err.toString().contains("nope"),
        err.toString());
  }
}
