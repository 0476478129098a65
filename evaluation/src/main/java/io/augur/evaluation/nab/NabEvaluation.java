package io.augur.evaluation.nab;

import io.augur.evaluation.univariate.DetectorRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One NAB evaluation: runs (or reads) each detector's results over the corpus, writes them in NAB's
 * layout under {@code <out>}, and scores every detector under each profile at the threshold NAB's
 * optimiser picks (and, on request, at NAB's stored threshold for results NAB produced itself or
 * detectors in {@link #NAB_PORTS}).
 */
public final class NabEvaluation {

  /**
   * Detectors here that port one of NAB's own, whose scores NAB's stored thresholds fit. Our
   * randomCutForest is the open-source library, not AWS's hosted RCF that NAB's stored {@code
   * randomCutForest} thresholds were chosen for.
   */
  public static final java.util.Set<String> NAB_PORTS = java.util.Set.of("windowedGaussian");

  private final NabCorpus corpus;
  private final DetectorRegistry registry;
  private final NabRunner runner;
  private final StoredThresholds storedThresholds;

  /**
   * @param storedThresholds NAB's stored thresholds, or null to score at optimised thresholds only
   */
  public NabEvaluation(
      NabCorpus corpus,
      DetectorRegistry registry,
      NabRunner runner,
      StoredThresholds storedThresholds) {
    this.corpus = corpus;
    this.registry = registry;
    this.runner = runner;
    this.storedThresholds = storedThresholds;
  }

  /**
   * A detector's per-row scores, its NAB scores under each profile and how long producing its
   * scores took.
   */
  public record DetectorResult(
      String detector,
      String source,
      double seconds,
      int rows,
      DetectorScores scores,
      List<ProfileScore> optimised,
      List<ProfileScore> atStoredThreshold) {

    public DetectorResult {
      optimised = List.copyOf(optimised);
      atStoredThreshold = List.copyOf(atStoredThreshold);
    }

    public double rowsPerSecond() {
      return rows / Math.max(1e-9, seconds);
    }
  }

  /**
   * Evaluates {@code detector}: reads its result files from {@code resultsDir} when they exist
   * there (so NAB's own reference results can be scored), else runs it from the registry and writes
   * its results under {@code out}.
   */
  public DetectorResult evaluate(
      String detector, List<NabProfile> profiles, Path resultsDir, Path out) {
    DetectorScores scores;
    String source;
    double seconds;
    boolean nabOwnScores = NAB_PORTS.contains(detector);
    if (resultsDir != null && Files.isDirectory(resultsDir.resolve(detector))) {
      nabOwnScores = true;
      long start = System.nanoTime();
      scores = NabResultFiles.read(resultsDir, detector, corpus);
      seconds = (System.nanoTime() - start) / 1e9;
      source = "read from " + resultsDir.resolve(detector);
    } else {
      NabRunner.Run run = runner.run(detector, registry.factory(detector), corpus, out);
      scores = run.scores();
      seconds = run.seconds();
      source = "run";
    }
    NabScorer scorer = new NabScorer(corpus);
    List<ProfileScore> optimised = new ArrayList<>();
    List<ProfileScore> stored = new ArrayList<>();
    for (NabProfile profile : profiles) {
      optimised.add(scorer.scoreOptimised(scores, profile));
      if (storedThresholds != null && nabOwnScores) {
        OptionalDouble t = storedThresholds.threshold(detector, profile.name());
        if (t.isPresent()) {
          stored.add(scorer.score(scores, profile, t.getAsDouble(), "stored"));
        }
      }
    }
    return new DetectorResult(
        detector, source, seconds, corpus.rowCount(), scores, optimised, stored);
  }

  /** Evaluates each detector in turn, printing a one-line summary per detector to {@code log}. */
  public List<DetectorResult> evaluateAll(
      List<String> detectors,
      List<NabProfile> profiles,
      Path resultsDir,
      Path out,
      PrintStream log) {
    List<DetectorResult> results = new ArrayList<>();
    for (String d : detectors) {
      DetectorResult r = evaluate(d, profiles, resultsDir, out);
      results.add(r);
      if (log != null) {
        StringBuilder line = new StringBuilder(d).append(':');
        for (ProfileScore s : r.optimised()) {
          line.append(
              String.format(java.util.Locale.ROOT, " %s %.2f", s.profile(), s.normalisedScore()));
        }
        line.append(String.format(java.util.Locale.ROOT, " (%.1f s)", r.seconds()));
        log.println(line);
      }
    }
    return results;
  }

  public NabCorpus corpus() {
    return corpus;
  }
}
