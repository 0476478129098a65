package io.augur.evaluation.univariate;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.TrainingSet;
import io.augur.models.inject.FaultInjector;
import io.augur.models.inject.FaultKind;
import io.augur.models.inject.Injection;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the ensemble's training set from the normal history of one univariate series (its
 * probationary period) without any label: the clean history, cut into {@link #CLEAN_PARTS}
 * components, gives normal windows; copies of it with one fault each, injected into the raw values
 * by {@link FaultInjector} (spike, level shift, trend, variance change, flat line, dropout, in
 * turn), give failing windows (those ending within {@code horizon} steps after the onset) and more
 * normal ones (ending before it). Features are recomputed on each copy from its start, as the live
 * detector computes them. Timestamps are the row index in minutes (NAB's timestamps may repeat).
 */
public final class UnivariateTrainingSet {

  /** Components the clean history is cut into (the trainer splits by component, 40/40/20). */
  public static final int CLEAN_PARTS = 5;

  /** Schema of the raw series the injector works on. */
  static final FeatureSchema RAW = new FeatureSchema("augur-univariate-raw", 1, List.of("value"));

  private UnivariateTrainingSet() {}

  /**
   * @param clean the series' first points, assumed normal
   * @param copies faulty copies (>= 6: each fault kind at least once)
   * @param steps vectors per window (the ensemble's window)
   * @param horizon steps after an onset whose windows count as failing (>= 1)
   * @param stride step between consecutive windows (>= 1)
   * @param seed seed of the injected faults
   * @param rawValue whether the vectors carry the raw value ({@link
   *     UnivariateFeatures#schema(boolean)})
   */
  public static TrainingSet build(
      double[] clean, int copies, int steps, int horizon, int stride, long seed, boolean rawValue) {
    if (copies < FaultKind.values().length) {
      throw new IllegalArgumentException(
          "copies must be >= " + FaultKind.values().length + ", got " + copies);
    }
    if (steps < 2 || horizon < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "steps must be >= 2, horizon and stride >= 1, got "
              + steps
              + ", "
              + horizon
              + ", "
              + stride);
    }
    int first =
        new UnivariateFeatures(clean.length).warmUp() - 1; // index of the first point with features
    if (clean.length < minimumLength(clean.length, steps, horizon)) {
      throw new IllegalArgumentException(
          "clean must hold at least "
              + minimumLength(clean.length, steps, horizon)
              + " points for windows of "
              + steps
              + " and horizon "
              + horizon
              + ", got "
              + clean.length);
    }
    List<LabelledWindow> labelled = new ArrayList<>();
    List<FeatureVector> cleanVectors =
        vectors("clean", UnivariateFeatures.of(clean, clean.length, rawValue), first, rawValue);
    int part = (cleanVectors.size() + CLEAN_PARTS - 1) / CLEAN_PARTS;
    for (int p = 0; p < CLEAN_PARTS; p++) {
      int from = p * part;
      int to = Math.min(cleanVectors.size(), from + part);
      List<FeatureVector> chunk = relabel(cleanVectors.subList(from, to), "clean-" + p);
      for (ComponentWindow w :
          FaultInjector.windows(chunk, Math.min(steps, chunk.size()), stride)) {
        labelled.add(LabelledWindow.normal(w));
      }
    }
    List<FeatureVector> raw = new ArrayList<>(clean.length);
    for (int i = 0; i < clean.length; i++) {
      raw.add(new FeatureVector("raw", null, minutes(i), RAW, new double[] {clean[i]}));
    }
    FaultInjector injector = new FaultInjector(seed);
    int lo = first + 2 * steps;
    int hi = clean.length - horizon;
    for (int c = 0; c < copies; c++) {
      FaultKind kind = FaultKind.values()[c % FaultKind.values().length];
      int onset = lo + injector.nextInt(Math.max(1, hi - lo));
      Injection inj = injector.inject(raw, kind, onset);
      double[] faulty = new double[clean.length];
      for (int i = 0; i < faulty.length; i++) {
        faulty[i] = inj.vectors().get(i).valueAt(0);
      }
      List<FeatureVector> v =
          vectors(
              "fault-" + c, UnivariateFeatures.of(faulty, clean.length, rawValue), first, rawValue);
      Injection featured = new Injection(v, kind, onset - first, List.of(0));
      labelled.addAll(FaultInjector.labelledWindows(featured, steps, stride, horizon, 1));
    }
    return new TrainingSet(
        UnivariateFeatures.schema(rawValue), labelled, normalHistory(cleanVectors, steps));
  }

  /**
   * The clean history's windows at stride 1, as unlabelled normal history (the isolation forest
   * learns normal from it), repeated until there are more than {@link #MIN_NORMAL_HISTORY}: the
   * models module's isolation forest fails (Smile: "Invalid sampling rating: 1.0") when it has no
   * more normal windows than its sample size (256).
   */
  static List<ComponentWindow> normalHistory(List<FeatureVector> cleanVectors, int steps) {
    List<FeatureVector> v = relabel(cleanVectors, "clean-history");
    List<ComponentWindow> once = FaultInjector.windows(v, steps, 1);
    List<ComponentWindow> out = new ArrayList<>(once);
    while (!once.isEmpty() && out.size() <= MIN_NORMAL_HISTORY) {
      out.addAll(once);
    }
    return out;
  }

  /** Normal-history windows the training set holds at least (see {@link #normalHistory}). */
  public static final int MIN_NORMAL_HISTORY = 300;

  /** Whether a history of {@code length} points is long enough to train on with {@code s}. */
  public static boolean canTrain(int length, EnsembleDetector.Settings s) {
    return length >= minimumLength(length, s.steps(), s.horizon());
  }

  private static int minimumLength(int length, int steps, int horizon) {
    return new UnivariateFeatures(length).warmUp() - 1 + 4 * steps + 2 * horizon;
  }

  /** Vectors of rows {@code first..} under {@code component}. */
  private static List<FeatureVector> vectors(
      String component, double[][] rows, int first, boolean rawValue) {
    List<FeatureVector> out = new ArrayList<>(rows.length - first);
    for (int i = first; i < rows.length; i++) {
      out.add(
          new FeatureVector(
              component, null, minutes(i), UnivariateFeatures.schema(rawValue), rows[i]));
    }
    return out;
  }

  private static List<FeatureVector> relabel(List<FeatureVector> vs, String component) {
    List<FeatureVector> out = new ArrayList<>(vs.size());
    for (FeatureVector v : vs) {
      out.add(new FeatureVector(component, null, v.timestampMs(), v.schema(), v.values()));
    }
    return out;
  }

  /** The timestamp of row {@code i}: one minute a row. */
  static long minutes(int i) {
    return 60_000L * i;
  }
}
