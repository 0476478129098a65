package io.augur.evaluation.nab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores detectors on a corpus exactly as NAB does: sweep values per file, one corpus-wide
 * threshold (stored or optimised), and normalisation {@code 100 * (S_D - S_null) / (S_perfect -
 * S_null)} with {@code S_null = -A_FN * windows} and {@code S_perfect = A_TP * windows}.
 */
public final class NabScorer {

  private final NabCorpus corpus;
  private final Map<String, List<NabSweep>> sweepsByProfile = new LinkedHashMap<>();

  public NabScorer(NabCorpus corpus) {
    if (corpus == null) {
      throw new IllegalArgumentException("corpus must not be null");
    }
    this.corpus = corpus;
  }

  public NabCorpus corpus() {
    return corpus;
  }

  /** Sweep values of every file under {@code profile} (computed once per profile). */
  public synchronized List<NabSweep> sweeps(NabProfile profile) {
    return sweepsByProfile.computeIfAbsent(
        profile.name(), k -> corpus.files().stream().map(f -> NabSweep.of(f, profile)).toList());
  }

  /** NAB's normalisation of a raw corpus score over {@code windows} labelled windows. */
  public static double normalise(double rawScore, int windows, NabProfile profile) {
    double nullScore = -profile.fnWeight() * windows;
    double perfect = profile.tpWeight() * windows;
    return 100.0 * (rawScore - nullScore) / (perfect - nullScore);
  }

  /** Scores {@code scores} at a fixed corpus-wide threshold (e.g. NAB's stored one). */
  public ProfileScore score(
      DetectorScores scores, NabProfile profile, double threshold, String source) {
    Map<String, Double> files = new LinkedHashMap<>();
    Map<String, double[]> categoryRaw = new LinkedHashMap<>();
    Map<String, Integer> categoryWindows = new LinkedHashMap<>();
    double raw = 0.0;
    for (NabSweep sweep : sweeps(profile)) {
      NabDataFile f = sweep.file();
      double fileScore = sweep.score(scores.scores(f.relativePath()), threshold);
      files.put(f.relativePath(), fileScore);
      raw += fileScore;
      categoryRaw.computeIfAbsent(f.category(), k -> new double[1])[0] += fileScore;
      categoryWindows.merge(f.category(), f.windows().size(), Integer::sum);
    }
    Map<String, ProfileScore.CategoryScore> categories = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : categoryRaw.entrySet()) {
      int windows = categoryWindows.get(e.getKey());
      double cRaw = e.getValue()[0];
      double normalised = windows == 0 ? Double.NaN : normalise(cRaw, windows, profile);
      categories.put(e.getKey(), new ProfileScore.CategoryScore(cRaw, windows, normalised));
    }
    return new ProfileScore(
        scores.detector(),
        profile.name(),
        threshold,
        source,
        raw,
        normalise(raw, corpus.windowCount(), profile),
        categories,
        files);
  }

  /** Chooses the threshold with NAB's optimiser, then scores at it. */
  public ProfileScore scoreOptimised(DetectorScores scores, NabProfile profile) {
    ThresholdOptimizer.Candidate best = ThresholdOptimizer.optimise(sweeps(profile), scores);
    return score(scores, profile, best.threshold(), "optimised");
  }

  /** Optimised scores for each of {@code profiles}. */
  public List<ProfileScore> scoreOptimised(DetectorScores scores, List<NabProfile> profiles) {
    List<ProfileScore> out = new ArrayList<>();
    for (NabProfile p : profiles) {
      out.add(scoreOptimised(scores, p));
    }
    return out;
  }
}
