package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.evaluation.detect.StreamingDetector;
import io.augur.evaluation.detect.WindowedGaussianDetector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabRunnerTest {

  static Path miniCorpusDir() {
    try {
      return Path.of(
              NabRunnerTest.class.getResource("/nab/mini/labels/combined_windows.json").toURI())
          .getParent()
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldWriteNabLayoutThatReadsBackToTheSameScores(@TempDir Path out) throws Exception {
    NabCorpus corpus = NabCorpus.load(miniCorpusDir());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    NabRunner.Run run =
        new NabRunner(2, new PrintStream(err, true, StandardCharsets.UTF_8))
            .run("windowedGaussian", WindowedGaussianDetector::new, corpus, out);

    Path spike = out.resolve("windowedGaussian/synthA/windowedGaussian_spike.csv");
    List<String> lines = Files.readAllLines(spike);
    assertEquals("timestamp,value,anomaly_score,label", lines.get(0));
    assertEquals(601, lines.size());
    assertTrue(
        lines.get(401).endsWith(",1"), "row 400 lies in the labelled window: " + lines.get(401));
    assertTrue(lines.get(1).startsWith("2020-01-01 00:00:00,"), lines.get(1));
    assertTrue(
        Files.isRegularFile(out.resolve("windowedGaussian/synthB/windowedGaussian_quiet.csv")));

    DetectorScores reread = NabResultFiles.read(out, "windowedGaussian", corpus);
    for (NabDataFile f : corpus.files()) {
      assertArrayEquals(
          run.scores().scores(f.relativePath()), reread.scores(f.relativePath()), f.relativePath());
    }
    String progress = err.toString(StandardCharsets.UTF_8);
    assertTrue(progress.contains("3/3 files"), progress);
    assertTrue(progress.contains("1,800 rows"), progress);
  }

  @Test
  void shouldStreamPointsInOrderWithoutLookAhead() {
    NabCorpus corpus = NabCorpus.load(miniCorpusDir());
    NabDataFile file = corpus.file("synthA/spike.csv");
    List<Double> seen = new ArrayList<>();
    StreamingDetector recorder =
        (t, v) -> {
          seen.add(v);
          return 0.0;
        };
    NabRunner.scoreFile("recorder", recorder, file);
    assertEquals(file.rows(), seen.size());
    for (int i = 0; i < file.rows(); i++) {
      assertEquals(file.values()[i], seen.get(i));
    }
  }

  @Test
  void shouldRefuseScoreOutsideUnitIntervalNamingDetectorFileAndRow() {
    NabCorpus corpus = NabCorpus.load(miniCorpusDir());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                new NabRunner(1, null)
                    .run("broken", () -> (t, v) -> v > 100 ? 1.5 : 0.0, corpus, null));
    assertTrue(
        e.getMessage().contains("broken")
            && e.getMessage().contains("synthA/spike.csv")
            && e.getMessage().contains("row 400"),
        e.getMessage());
  }

  @Test
  void shouldFindTheSpikeWithWindowedGaussianOnTheMiniCorpus() {
    NabCorpus corpus = NabCorpus.load(miniCorpusDir());
    NabRunner.Run run =
        new NabRunner(1, null).run("windowedGaussian", WindowedGaussianDetector::new, corpus, null);
    ProfileScore score = new NabScorer(corpus).scoreOptimised(run.scores(), NabProfile.STANDARD);
    assertTrue(
        score.normalisedScore() > 0, "better than flagging nothing: " + score.normalisedScore());
  }

  @Test
  void shouldTimeRunsWithInjectedClock() {
    NabCorpus corpus = NabCorpus.load(miniCorpusDir());
    AtomicLong nanos = new AtomicLong();
    NabRunner.Run run =
        new NabRunner(1, null, () -> nanos.getAndAdd(2_000_000_000L))
            .run("windowedGaussian", WindowedGaussianDetector::new, corpus, null);
    assertEquals(2.0, run.seconds(), 1e-9);
    assertEquals(900.0, run.rowsPerSecond(), 1e-9);
  }

  @Test
  void shouldReportFilesDoneAndRateFromInjectedClock() {
    AtomicLong nanos = new AtomicLong(0);
    ProgressDisplay display = new ProgressDisplay(null, nanos::get, "d", 4);
    nanos.set(2_000_000_000L);
    display.fileDone(1000);
    String line = display.line();
    assertTrue(line.contains("1/4 files"), line);
    assertTrue(line.contains("500 rows/s"), line);
    assertTrue(line.contains("[#####"), line);
  }
}
