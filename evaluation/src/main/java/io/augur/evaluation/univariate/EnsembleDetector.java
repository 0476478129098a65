package io.augur.evaluation.univariate;

import io.augur.domain.FeatureVector;
import io.augur.evaluation.detect.SeriesInfo;
import io.augur.evaluation.detect.StreamingDetector;
import io.augur.models.ComponentWindow;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Augur's ensemble, or one of its members alone, as a univariate streaming detector. Per series:
 * the first {@code T = min(probationary length, maxTraining)} points are taken as normal; at point
 * T the ensemble (isolation forest, LSTM, random forest, calibrated and stacked: {@code
 * EnsembleTrainer} with its defaults) is trained on them plus injected faults ({@link
 * UnivariateTrainingSet}), and from then on each point's window of the last {@code steps} feature
 * vectors ({@link UnivariateFeatures}) is scored on its own, one point at a time. Points before the
 * training score 0 (NAB does not score its probationary period). No label is read.
 *
 * <p>The score is the view's calibrated probability p mapped to {@code sigmoid(logit(p) / 10)}: the
 * same order, but confident points keep distinct values at the 12 significant digits NAB's result
 * files hold. The ensemble and its members share one trained ensemble per series, and replay each
 * other's scores ({@link SeriesRuns}).
 */
public final class EnsembleDetector implements StreamingDetector {

  /**
   * What is scored: the stacked ensemble, or one member alone (through its own single-member
   * stacker).
   */
  public enum View {
    ENSEMBLE(Set.of(IsolationForestModel.NAME, LstmModel.NAME, RandomForestModel.NAME)),
    ISOLATION_FOREST(Set.of(IsolationForestModel.NAME)),
    LSTM(Set.of(LstmModel.NAME)),
    RANDOM_FOREST(Set.of(RandomForestModel.NAME));

    private final Set<String> members;

    View(Set<String> members) {
      this.members = members;
    }

    public Set<String> members() {
      return members;
    }

    static List<Set<String>> all() {
      return List.of(values()).stream().map(View::members).toList();
    }
  }

  /**
   * How the per-series ensemble is trained. None of these was chosen by looking at NAB scores.
   *
   * @param maxTraining cap on the training history T (NAB's scorer skips at most the first 750
   *     points)
   * @param copies faulty copies of the history (each kind of {@code FaultKind} in turn)
   * @param steps vectors per window (the members' default window)
   * @param horizon steps after an injected onset whose windows count as failing
   * @param stride step between training windows
   * @param seed seed of the faults and of the trainer
   * @param rawValue whether the feature vectors carry the raw value besides the scale-free features
   */
  public record Settings(
      int maxTraining,
      int copies,
      int steps,
      int horizon,
      int stride,
      long seed,
      boolean rawValue) {
    public Settings {
      if (maxTraining < 100) {
        throw new IllegalArgumentException("maxTraining must be >= 100, got " + maxTraining);
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
    }

    /**
     * T <= 750, 12 faulty copies (two of each kind), windows of 8, horizon 16, stride 2, seed 7,
     * raw value.
     */
    public static Settings defaults() {
      return new Settings(750, 12, 8, 16, 2, 7L, true);
    }

    /**
     * The trainer of every per-series ensemble: the models module's defaults made lighter so that a
     * whole NAB evaluation (58 trainings) stays within its 15-minute budget on 2 cores: 2
     * cross-fitting folds instead of 3, a 20-tree forest instead of 40, 6 LSTM epochs instead of
     * 12, and at most 1,500 training windows. Chosen by timing, not by NAB scores
     * (docs/benchmarks/nab.md).
     */
    public EnsembleTrainer.Config trainer() {
      EnsembleTrainer.Config d = EnsembleTrainer.Config.defaults();
      LstmModel.Params lstm = d.lstm();
      return new EnsembleTrainer.Config(
          d.members(),
          d.iforest(),
          new RandomForestModel.Params(
              20, d.forest().maxDepth(), d.forest().featureFraction(), d.forest().windowSteps()),
          new LstmModel.Params(
              lstm.mode(), lstm.steps(), lstm.hidden(), 6, lstm.learningRate(), lstm.batchSize()),
          d.lstmMode(),
          1500,
          d.ensemble(),
          2);
    }

    /** {@link #defaults()} with scale-free features only (no raw value). */
    public static Settings scaleFree() {
      return new Settings(750, 12, 8, 16, 2, 7L, false);
    }
  }

  private final Settings settings;
  private final View view;
  private final SeriesRuns runs;
  private final ArrayDeque<FeatureVector> recent = new ArrayDeque<>();
  private String series = "unnamed";
  private int length = Integer.MAX_VALUE;
  private int trainingLength;
  private double[] history;
  private int seen;
  private UnivariateFeatures features;
  private SeriesRuns.Run run;
  private EnsembleViews views;
  private boolean replaying;

  /** {@code view} of the ensemble trained with default settings, shared process-wide. */
  public EnsembleDetector(View view) {
    this(Settings.defaults(), view, SeriesRuns.shared());
  }

  /** {@code view} of the ensemble trained with {@code settings}, shared process-wide. */
  public EnsembleDetector(Settings settings, View view) {
    this(settings, view, SeriesRuns.shared());
  }

  public EnsembleDetector(Settings settings, View view, SeriesRuns runs) {
    if (settings == null || view == null || runs == null) {
      throw new IllegalArgumentException(
          "settings, view and runs must not be null, got " + settings + ", " + view + ", " + runs);
    }
    this.settings = settings;
    this.view = view;
    this.runs = runs;
  }

  @Override
  public void start(SeriesInfo info) {
    series = info.name();
    length = info.length();
    trainingLength = Math.min(info.probationaryLength(), settings.maxTraining());
    history = new double[trainingLength];
    features = new UnivariateFeatures(Math.max(1, trainingLength), settings.rawValue());
  }

  @Override
  public double score(long timestampMillis, double value) {
    double[] p = probabilities(timestampMillis, value);
    return p == null ? 0.0 : compress(p[view.ordinal()]);
  }

  /**
   * Scores the next point in every view at once: the calibrated probabilities in {@link View}
   * order, or null while the ensemble is not trained yet (this detector's {@link #score} is the
   * compressed probability of its view).
   */
  public double[] probabilities(long timestampMillis, double value) {
    if (features == null) {
      throw new IllegalStateException("start(SeriesInfo) must be called before the first point");
    }
    int row = seen++;
    if (replaying) {
      return finish(row, run.replay(row, value));
    }
    double[] f = features.add(value);
    if (row < trainingLength) {
      history[row] = value;
    }
    if (f != null) {
      recent.addLast(
          new FeatureVector(
              "live", null, UnivariateTrainingSet.minutes(row), features.schema(), f));
      if (recent.size() > settings.steps()) {
        recent.removeFirst();
      }
    }
    if (row == trainingLength - 1 && UnivariateTrainingSet.canTrain(trainingLength, settings)) {
      run =
          runs.get(
              series,
              settings,
              history,
              length == Integer.MAX_VALUE ? 0 : length,
              View.values().length);
      if (run.complete()) {
        replaying = true;
        return finish(row, run.replay(row, value));
      }
      views = new EnsembleViews(run.ensemble(), View.all());
    }
    if (views == null || recent.isEmpty()) {
      return null;
    }
    double[] p = views.probabilities(ComponentWindow.of(new ArrayList<>(recent)));
    run.record(row, value, p);
    return finish(row, p);
  }

  private double[] finish(int row, double[] p) {
    if (row == length - 1 && run != null) {
      run.finish();
    }
    return p;
  }

  /** {@code sigmoid(logit(p) / 10)}, p clamped away from 0 and 1. */
  static double compress(double p) {
    double q = Math.min(1 - 1e-15, Math.max(1e-15, p));
    double z = Math.log(q / (1 - q)) / 10.0;
    return 1.0 / (1.0 + Math.exp(-z));
  }
}
