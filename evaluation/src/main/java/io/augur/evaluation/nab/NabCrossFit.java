package io.augur.evaluation.nab;

import io.augur.evaluation.detect.Folds;
import io.augur.evaluation.detect.SeriesInfo;
import io.augur.evaluation.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Cross-fits a choice of post-processing on NAB: each candidate is applied to a detector's raw
 * scores (streaming, as the detector would apply it), scored on the files of one fold ({@link
 * Folds}), and the best candidate under the selection profile is used on the files of the
 * <em>other</em> fold. The composite (every file scored with the candidate chosen without its
 * labels) is what may be reported.
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
   * A candidate applied to one of several raw detectors' scores (a variant of the detector and a
   * post-processing).
   */
  public record Sourced(DetectorScores raw, Candidate candidate) {
    public String name() {
      return raw.detector() + "/" + candidate.name();
    }
  }

  /**
   * @param chosen the candidate chosen for each fold (on the other fold's files), by fold
   * @param selection per fold, each candidate's selection-profile score on the other fold's files
   * @param composite the raw scores post-processed file by file with their fold's chosen candidate
   */
  public record Result(
      List<String> chosen, List<Map<String, Double>> selection, DetectorScores composite) {}

  private NabCrossFit() {}

  /** Cross-fits {@code candidates} on {@code raw}; the composite is named {@code compositeName}. */
  public static Result run(
      NabCorpus corpus,
      DetectorScores raw,
      List<Candidate> candidates,
      NabProfile selectBy,
      String compositeName) {
    if (candidates == null || candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates must not be empty");
    }
    List<Sourced> sourced = candidates.stream().map(c -> new Sourced(raw, c)).toList();
    Result r = runSourced(corpus, sourced, selectBy, compositeName);
    List<String> chosen =
        r.chosen().stream().map(n -> n.substring(raw.detector().length() + 1)).toList();
    List<Map<String, Double>> selection = new ArrayList<>();
    for (Map<String, Double> m : r.selection()) {
      Map<String, Double> renamed = new LinkedHashMap<>();
      m.forEach((k, v) -> renamed.put(k.substring(raw.detector().length() + 1), v));
      selection.add(renamed);
    }
    return new Result(chosen, selection, r.composite());
  }

  /**
   * Cross-fits candidates that may each start from different raw scores (variants of a detector,
   * each with a post-processing); chosen names are {@code <raw detector>/<candidate>}.
   */
  public static Result runSourced(
      NabCorpus corpus, List<Sourced> sourced, NabProfile selectBy, String compositeName) {
    if (sourced == null || sourced.isEmpty()) {
      throw new IllegalArgumentException("candidates must not be empty");
    }
    List<Map<String, double[]>> processed = new ArrayList<>();
    for (Sourced c : sourced) {
      Map<String, double[]> byFile = new LinkedHashMap<>();
      for (NabDataFile f : corpus.files()) {
        byFile.put(f.relativePath(), apply(c.candidate(), f, c.raw().scores(f.relativePath())));
      }
      processed.add(byFile);
    }
    List<String> names = sourced.stream().map(Sourced::name).toList();
    String detector = compositeName;
    List<String> chosen = new ArrayList<>();
    List<Map<String, Double>> selection = new ArrayList<>();
    for (int fold = 0; fold < Folds.COUNT; fold++) {
      int target = fold;
      List<NabDataFile> others =
          corpus.files().stream().filter(f -> Folds.of(f.relativePath()) != target).toList();
      NabCorpus selectOn = new NabCorpus(corpus.root(), others);
      NabScorer scorer = new NabScorer(selectOn);
      Map<String, Double> scores = new LinkedHashMap<>();
      int best = 0;
      for (int c = 0; c < names.size(); c++) {
        Map<String, double[]> sub = new LinkedHashMap<>();
        for (NabDataFile f : others) {
          sub.put(f.relativePath(), processed.get(c).get(f.relativePath()));
        }
        double s =
            scorer.scoreOptimised(new DetectorScores(detector, sub), selectBy).normalisedScore();
        scores.put(names.get(c), s);
        if (s > scores.get(names.get(best))) {
          best = c;
        }
      }
      chosen.add(names.get(best));
      selection.add(scores);
    }
    Map<String, double[]> composite = new LinkedHashMap<>();
    for (NabDataFile f : corpus.files()) {
      String name = chosen.get(Folds.of(f.relativePath()));
      int c = names.indexOf(name);
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
