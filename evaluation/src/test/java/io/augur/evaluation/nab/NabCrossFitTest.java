package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.evaluation.detect.Folds;
import io.augur.evaluation.detect.SeriesInfo;
import io.augur.evaluation.detect.StreamingDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-fitting: a setting is chosen on one fold's files and used on the other's, never on a file's
 * own labels.
 */
class NabCrossFitTest {

  private static final Path MINI = Path.of("src/test/resources/nab/mini");

  /**
   * Two copies of the mini corpus' spike file per fold, each with its window, plus the quiet file.
   */
  private static NabCorpus corpusWithWindowsInBothFolds(Path dir) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode windows =
        (ObjectNode) mapper.readTree(MINI.resolve("labels/combined_windows.json").toFile());
    ObjectNode out = mapper.createObjectNode();
    int[] perFold = new int[Folds.COUNT];
    for (int k = 0; perFold[0] < 2 || perFold[1] < 2; k++) {
      String name = "synth/spike_" + k + ".csv";
      int fold = Folds.of(name);
      if (perFold[fold] == 2) {
        continue;
      }
      perFold[fold]++;
      Path target = dir.resolve("data").resolve(name);
      Files.createDirectories(target.getParent());
      Files.copy(MINI.resolve("data/synthA/spike.csv"), target);
      out.set(name, windows.get("synthA/spike.csv"));
    }
    Files.createDirectories(dir.resolve("labels"));
    mapper.writeValue(dir.resolve("labels/combined_windows.json").toFile(), out);
    return NabCorpus.load(dir);
  }

  /** Scores 1 at each window's middle row, else 0: a good detector. */
  private static DetectorScores perfect(NabCorpus corpus) {
    Map<String, double[]> byFile = new LinkedHashMap<>();
    for (NabDataFile f : corpus.files()) {
      double[] s = new double[f.rows()];
      f.windows().forEach(w -> s[(w.start() + w.end()) / 2] = 1.0);
      byFile.put(f.relativePath(), s);
    }
    return new DetectorScores("perfect", byFile);
  }

  /**
   * A candidate that keeps the scores of fold {@code keep}'s files and silences the other fold's.
   */
  private static NabCrossFit.Candidate keepOnly(int keep) {
    return new NabCrossFit.Candidate(
        "keep-fold-" + keep,
        inner ->
            new StreamingDetector() {
              private boolean silent;

              @Override
              public void start(SeriesInfo series) {
                silent = Folds.of(series.name()) != keep;
                inner.start(series);
              }

              @Override
              public double score(long t, double v) {
                double s = inner.score(t, v);
                return silent ? 0.0 : s;
              }
            });
  }

  @Test
  void shouldChooseTheBetterCandidateOnTheOtherFoldForEachFold(@TempDir Path tmp)
      throws IOException {
    NabCorpus corpus = corpusWithWindowsInBothFolds(tmp);
    DetectorScores raw = perfect(corpus);
    NabCrossFit.Candidate identity = new NabCrossFit.Candidate("identity", d -> d);
    NabCrossFit.Candidate silence =
        new NabCrossFit.Candidate("silence", d -> (t, v) -> 0.0 * d.score(t, v));
    NabCrossFit.Result r =
        NabCrossFit.run(corpus, raw, List.of(silence, identity), NabProfile.STANDARD, "composite");
    assertEquals(List.of("identity", "identity"), r.chosen());
    for (NabDataFile f : corpus.files()) {
      assertArrayEquals(
          raw.scores(f.relativePath()), r.composite().scores(f.relativePath()), f.relativePath());
    }
    assertTrue(r.selection().get(0).get("identity") > r.selection().get(0).get("silence"));
  }

  @Test
  void shouldNeverLetAFilesOwnLabelsChooseItsSetting(@TempDir Path tmp) throws IOException {
    NabCorpus corpus = corpusWithWindowsInBothFolds(tmp);
    DetectorScores raw = perfect(corpus);
    // keep-fold-k is perfect on fold k and silent elsewhere: each fold's own files would pick the
    // candidate that
    // keeps them, the other fold picks the one that silences them
    NabCrossFit.Result r =
        NabCrossFit.run(corpus, raw, List.of(keepOnly(0), keepOnly(1)), NabProfile.STANDARD, "c");
    assertEquals(List.of("keep-fold-1", "keep-fold-0"), r.chosen());
    for (NabDataFile f : corpus.files()) {
      assertTrue(
          java.util.Arrays.stream(r.composite().scores(f.relativePath())).allMatch(s -> s == 0.0),
          f.relativePath() + " kept scores its own fold chose");
    }
    assertTrue(r.selection().get(0).get("keep-fold-1") > r.selection().get(0).get("keep-fold-0"));
  }
}
