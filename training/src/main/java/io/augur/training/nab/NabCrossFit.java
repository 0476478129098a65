package io.augur.training.nab;

import io.augur.training.detect.Folds;
import io.augur.training.detect.SeriesInfo;
import io.augur.training.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Cross-fits a choice of post-processing on NAB: each candidate is applied to a detector's raw scores (streaming,
 * as the detector would apply it), scored on the files of one fold ({@link Folds}), and the best candidate under
 * the selection profile is used on the files of the <em>other</em> fold. The composite (every file scored with
 * the candidate chosen without its labels) is what may be reported.
 */
public final class NabCrossFit {

  /**
   * A post-processing candidate.
   *
   * @param name e.g. {@code suppress-100}
   * @param wrap wraps the raw detector (a replay of its scores) into the post-processed one
   */
  public record Candidate(String name, UnaryOperator<StreamingDetector> wrap) {}

  /**
   * @param chosen the candidate chosen for each fold (on the other fold's files), by fold
   * @param selection per fold, each candidate's selection-profile score on the other fold's files
   * @param composite the raw scores post-processed file by file with their fold's chosen candidate
   */
  public record Result(List<String> chosen, List<Map<String, Double>> selection, DetectorScores composite) {}

  private NabCrossFit() {}

  /** Cross-fits {@code candidates} on {@code raw}; the composite is named {@code compositeName}. */
  public static Result run(NabCorpus corpus, DetectorScores raw, List<Candidate> candidates, NabProfile selectBy,
      String compositeName) {
    if (candidates == null || candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates must not be empty");
    }
    List<Map<String, double[]>> processed = new ArrayList<>();
    for (Candidate c : candidates) {
      Map<String, double[]> byFile = new LinkedHashMap<>();
      for (NabDataFile f : corpus.files()) {
        byFile.put(f.relativePath(), apply(c, f, raw.scores(f.relativePath())));
      }
      processed.add(byFile);
    }
    List<String> chosen = new ArrayList<>();
    List<Map<String, Double>> selection = new ArrayList<>();
    for (int fold = 0; fold < Folds.COUNT; fold++) {
      int target = fold;
      List<NabDataFile> others = corpus.files().stream().filter(f -> Folds.of(f.relativePath()) != target).toList();
      NabCorpus selectOn = new NabCorpus(corpus.root(), others);
      NabScorer scorer = new NabScorer(selectOn);
      Map<String, Double> scores = new LinkedHashMap<>();
      int best = 0;
      for (int c = 0; c < candidates.size(); c++) {
        Map<String, double[]> sub = new LinkedHashMap<>();
        for (NabDataFile f : others) {
          sub.put(f.relativePath(), processed.get(c).get(f.relativePath()));
        }
        double s = scorer.scoreOptimised(new DetectorScores(raw.detector(), sub), selectBy).normalisedScore();
        scores.put(candidates.get(c).name(), s);
        if (s > scores.get(candidates.get(best).name())) {
          best = c;
        }
      }
      chosen.add(candidates.get(best).name());
      selection.add(scores);
    }
    Map<String, double[]> composite = new LinkedHashMap<>();
    for (NabDataFile f : corpus.files()) {
      String name = chosen.get(Folds.of(f.relativePath()));
      int c = candidates.stream().map(Candidate::name).toList().indexOf(name);
      composite.put(f.relativePath(), processed.get(c).get(f.relativePath()));
    }
    return new Result(chosen, selection, new DetectorScores(compositeName, composite));
  }

  /** Streams {@code raw} through the candidate's post-processing, rounded as the runner rounds. */
  static double[] apply(Candidate c, NabDataFile f, double[] raw) {
    int[] next = {0};
    StreamingDetector replay = (t, v) -> raw[next[0]++];
    StreamingDetector d = c.wrap().apply(replay);
    d.start(new SeriesInfo(f.relativePath(), f.rows(), f.detectorProbationaryLength()));
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = NabResultFiles.roundToNabPrecision(d.score(f.epochMillis()[i], f.values()[i]));
    }
    return out;
  }
}
