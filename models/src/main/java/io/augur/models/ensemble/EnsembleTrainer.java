package io.augur.models.ensemble;

import io.augur.models.Calibration;
import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.LabelledWindow;
import io.augur.models.Metrics;
import io.augur.models.ProgressListener;
import io.augur.models.Standardizer;
import io.augur.models.TrainingSet;
import io.augur.models.WindowSummary;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains the members, calibrates them and fits the stacked combiner, all from one labelled training
 * set and a seed.
 *
 * <p>Labelled windows are split by component (stratified, seeded): a fifth is held out for
 * validation (only measured: AUC, Brier, recorded in the bundle); the rest, the development data,
 * is cut into {@code folds} component-disjoint folds. Cross-fitting: for each fold, members are
 * trained on the other folds and score it, so every development window gets an out-of-fold raw
 * score from members that never saw its component. Each member's Platt calibration and the stacked
 * combiner are fitted on those out-of-fold scores; the members kept are trained once more on all
 * development data. Calibration thus sees every development component (not a 40 % part), and always
 * from members that did not train on it, as scoring will. Without failing windows there is nothing
 * to calibrate on: inject faults first ({@link io.augur.models.inject.FaultInjector}).
 */
public final class EnsembleTrainer {

  /**
   * @param members which members to train (names as {@code isolation-forest}, {@code
   *     random-forest}, {@code lstm})
   * @param lstmMode FORECAST or HORIZON; null: HORIZON when the train part holds at least 30
   *     failing windows
   * @param maxTrainRows cap on rows the forest and the LSTM train on (normal rows subsampled; all
   *     failing kept)
   */
  public record Config(
      Set<String> members,
      IsolationForestModel.Params iforest,
      RandomForestModel.Params forest,
      LstmModel.Params lstm,
      LstmModel.Mode lstmMode,
      int maxTrainRows,
      EnsembleConfig ensemble,
      int folds) {

    /** With the default number of cross-fitting folds. */
    public Config(
        Set<String> members,
        IsolationForestModel.Params iforest,
        RandomForestModel.Params forest,
        LstmModel.Params lstm,
        LstmModel.Mode lstmMode,
        int maxTrainRows,
        EnsembleConfig ensemble) {
      this(members, iforest, forest, lstm, lstmMode, maxTrainRows, ensemble, DEFAULT_FOLDS);
    }

    public Config {
      if (folds < 2 || folds > 10) {
        throw new IllegalArgumentException("folds must be within [2, 10], got " + folds);
      }
      members = Set.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("members must name at least one model");
      }
      for (String m : members) {
        if (!List.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME)
            .contains(m)) {
          throw new IllegalArgumentException("members: unknown model \"" + m + "\"");
        }
      }
      if (maxTrainRows < 100) {
        throw new IllegalArgumentException("maxTrainRows must be >= 100, got " + maxTrainRows);
      }
    }

    public static Config defaults() {
      return new Config(
          Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
          IsolationForestModel.Params.defaults(),
          RandomForestModel.Params.defaults(),
          LstmModel.Params.defaults(LstmModel.Mode.HORIZON),
          null,
          3000,
          EnsembleConfig.defaults());
    }

    public Config withMembers(Set<String> m) {
      return new Config(m, iforest, forest, lstm, lstmMode, maxTrainRows, ensemble, folds);
    }

    public Config withLstmMode(LstmModel.Mode mode) {
      return new Config(members, iforest, forest, lstm, mode, maxTrainRows, ensemble, folds);
    }

    public Config withEnsemble(EnsembleConfig e) {
      return new Config(members, iforest, forest, lstm, lstmMode, maxTrainRows, e, folds);
    }

    public Config withFolds(int k) {
      return new Config(members, iforest, forest, lstm, lstmMode, maxTrainRows, ensemble, k);
    }
  }

  /** Cross-fitting folds unless configured. */
  public static final int DEFAULT_FOLDS = 3;

  private final Config config;
  private final MemberTrainer members;

  public EnsembleTrainer(Config config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
    this.members = new MemberTrainer(config);
  }

  public Ensemble train(TrainingSet set, long seed, ProgressListener progress) {
    if (progress == null) {
      throw new IllegalArgumentException("progress must not be null (use ProgressListener.NONE)");
    }
    progress.onProgress("split", 0, 1);
    int k = config.folds();
    Split split = Split.of(set.labelled(), seed, k);
    List<LabelledWindow> dev = split.development();
    for (int f = 0; f < k; f++) {
      List<LabelledWindow> rest = split.allBut(f);
      if (rest.stream().noneMatch(LabelledWindow::failing)
          || rest.stream().allMatch(LabelledWindow::failing)) {
        throw new IllegalArgumentException(
            "set needs failing and normal windows from at least "
                + (k + 1)
                + " components each (got "
                + set.failingCount()
                + " failing windows); inject faults into normal history first");
      }
    }
    long devFailing =
        cap(dev, config.maxTrainRows(), seed).stream().filter(LabelledWindow::failing).count();
    LstmModel.Mode mode =
        config.lstmMode() != null
            ? config.lstmMode()
            : devFailing >= 30 ? LstmModel.Mode.HORIZON : LstmModel.Mode.FORECAST;
    progress.onProgress("split", 1, 1);

    // out-of-fold raw scores: each fold scored by members trained on the other folds (cross-fitting
    // by component)
    List<String> names = config.members().stream().sorted().toList();
    // fold members see (k-1)/k of the data: capped in proportion, they see the final members' class
    // balance too
    int foldRows = Math.max(100, (int) Math.round(config.maxTrainRows() * (k - 1.0) / k));
    double[][] oofRaw = new double[dev.size()][names.size()];
    int row = 0;
    for (int f = 0; f < k; f++) {
      progress.onProgress("cross-fit", f, k);
      List<ComponentWindow> fold =
          split.folds().get(f).stream().map(LabelledWindow::window).toList();
      List<FailureModel> foldModels =
          members.train(
              set.schema(),
              split.allBut(f),
              set.normalHistory(),
              mode,
              foldRows,
              seed + 1 + f,
              ProgressListener.NONE);
      for (int m = 0; m < names.size(); m++) {
        double[] raw = foldModels.get(m).rawScores(fold);
        for (int i = 0; i < raw.length; i++) {
          oofRaw[row + i][m] = raw[i];
        }
      }
      row += fold.size();
    }
    progress.onProgress("cross-fit", k, k);
    List<FailureModel> models =
        members.train(
            set.schema(), dev, set.normalHistory(), mode, config.maxTrainRows(), seed, progress);

    boolean[] devY = labels(dev);
    List<FailureModel> calibrated = new ArrayList<>();
    double[][] oofP = new double[dev.size()][names.size()];
    for (int m = 0; m < names.size(); m++) {
      progress.onProgress("calibration", m, names.size());
      double[] raw = column(oofRaw, m);
      Calibration c = calibration(raw, devY);
      for (int i = 0; i < raw.length; i++) {
        oofP[i][m] = c.apply(raw[i]);
      }
      calibrated.add(models.get(m).withCalibration(c));
    }
    Combiner combiner = Combiner.fit(names, oofP, devY);
    progress.onProgress("calibration", names.size(), names.size());

    List<ComponentWindow> valW = split.validation().stream().map(LabelledWindow::window).toList();
    boolean[] valY = labels(split.validation());
    progress.onProgress("validation", 0, names.size() + 1);
    List<FailureModel> validated = new ArrayList<>();
    for (FailureModel m : calibrated) {
      double[] p = m.scoreBatch(valW).stream().mapToDouble(s -> s.probability()).toArray();
      validated.add(m.withInfo(m.info().withValidation(metrics(p, valY))));
    }
    int steps = Math.max(config.iforest().windowSteps(), config.forest().windowSteps());
    List<ComponentWindow> normal = new ArrayList<>(set.normalHistory());
    dev.stream().filter(l -> !l.failing()).forEach(l -> normal.add(l.window()));
    double[][] normalRows =
        WindowSummary.rows(capWindows(normal, config.maxTrainRows(), seed), steps);
    Standardizer summary = Standardizer.fit(normalRows);
    Standardizer latest =
        new Standardizer(
            java.util.Arrays.copyOf(summary.mean(), set.schema().size()),
            java.util.Arrays.copyOf(summary.std(), set.schema().size()));
    FailureLimits limits =
        FailureLimits.learn(set.schema(), dev, latest, config.ensemble().limits());
    ModeClassifier modes = ModeClassifier.learn(dev, summary, steps);
    String fingerprint = Fingerprint.of(set);
    String version = "augur-ensemble-" + fingerprint.substring(0, 12) + "-s" + seed;
    Ensemble draft =
        new Ensemble(
            set.schema(),
            validated,
            combiner,
            summary,
            steps,
            limits,
            modes,
            config.ensemble(),
            version,
            fingerprint,
            Map.of());
    Map<String, Double> ev = metrics(draft.probabilities(valW), valY);
    progress.onProgress("validation", names.size() + 1, names.size() + 1);
    return new Ensemble(
        set.schema(),
        validated,
        combiner,
        summary,
        steps,
        limits,
        modes,
        config.ensemble(),
        version,
        fingerprint,
        ev);
  }

  /**
   * Isotonic when the out-of-fold data holds at least {@link Combiner#MIN_ISOTONIC} failing and as
   * many normal windows (a member's score need not map to a probability through a sigmoid: the
   * forest's vote fraction did not), Platt otherwise.
   */
  static Calibration calibration(double[] raw, boolean[] y) {
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    return pos >= Combiner.MIN_ISOTONIC && y.length - pos >= Combiner.MIN_ISOTONIC
        ? Calibration.isotonic(raw, y)
        : Calibration.platt(raw, y);
  }

  private static double[] column(double[][] x, int c) {
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i][c];
    }
    return out;
  }

  static Map<String, Double> metrics(double[] p, boolean[] y) {
    Map<String, Double> m = new TreeMap<>();
    double auc = Metrics.rocAuc(p, y);
    m.put("auc", Double.isNaN(auc) ? -1.0 : auc);
    m.put("brier", Metrics.brier(p, y));
    long pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    m.put("windows", (double) y.length);
    m.put("failingWindows", (double) pos);
    return m;
  }

  private static boolean[] labels(List<LabelledWindow> ls) {
    boolean[] y = new boolean[ls.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = ls.get(i).failing();
    }
    return y;
  }

  /**
   * All failing windows and a seeded sample of normal ones, at most {@code max} in all (failing
   * kept first).
   */
  static List<LabelledWindow> cap(List<LabelledWindow> ls, int max, long seed) {
    if (ls.size() <= max) {
      return ls;
    }
    List<LabelledWindow> failing = new ArrayList<>();
    List<LabelledWindow> normal = new ArrayList<>();
    ls.forEach(l -> (l.failing() ? failing : normal).add(l));
    java.util.Collections.shuffle(normal, new Random(seed));
    List<LabelledWindow> out =
        new ArrayList<>(failing.subList(0, Math.min(failing.size(), max / 2)));
    out.addAll(normal.subList(0, Math.min(normal.size(), max - out.size())));
    return out;
  }

  static List<ComponentWindow> capWindows(List<ComponentWindow> ws, int max, long seed) {
    if (ws.size() <= max) {
      return ws;
    }
    List<ComponentWindow> copy = new ArrayList<>(ws);
    java.util.Collections.shuffle(copy, new Random(seed));
    return copy.subList(0, max);
  }
}
