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
 * Trains the members, calibrates them and fits the stacked combiner, all from one labelled
 * training set and a seed.
 *
 * <p>Labelled windows are split by component 40/40/20 (train / calibration / validation). Members
 * train on the first part (the isolation forest and the LSTM forecaster on its normal windows plus
 * the unlabelled normal history), calibrate (Platt) on the second, and the combiner is fitted on
 * the second too; the third only measures (AUC, Brier) and is recorded. Without failing windows
 * there is nothing to calibrate on: inject faults first ({@link io.augur.models.inject.FaultInjector}).
 */
public final class EnsembleTrainer {

  /**
   * @param members which members to train (names as {@code isolation-forest}, {@code random-forest}, {@code lstm})
   * @param lstmMode FORECAST or HORIZON; null: HORIZON when the train part holds at least 30 failing windows
   * @param maxTrainRows cap on rows the forest and the LSTM train on (normal rows subsampled; all failing kept)
   */
  public record Config(Set<String> members, IsolationForestModel.Params iforest, RandomForestModel.Params forest,
      LstmModel.Params lstm, LstmModel.Mode lstmMode, int maxTrainRows, EnsembleConfig ensemble) {
    public Config {
      members = Set.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("members must name at least one model");
      }
      for (String m : members) {
        if (!List.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME).contains(m)) {
          throw new IllegalArgumentException("members: unknown model \"" + m + "\"");
        }
      }
      if (maxTrainRows < 100) {
        throw new IllegalArgumentException("maxTrainRows must be >= 100, got " + maxTrainRows);
      }
    }

    public static Config defaults() {
      return new Config(Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
          IsolationForestModel.Params.defaults(), RandomForestModel.Params.defaults(),
          LstmModel.Params.defaults(LstmModel.Mode.HORIZON), null, 3000, EnsembleConfig.defaults());
    }

    public Config withMembers(Set<String> m) {
      return new Config(m, iforest, forest, lstm, lstmMode, maxTrainRows, ensemble);
    }

    public Config withLstmMode(LstmModel.Mode mode) {
      return new Config(members, iforest, forest, lstm, mode, maxTrainRows, ensemble);
    }

    public Config withEnsemble(EnsembleConfig e) {
      return new Config(members, iforest, forest, lstm, lstmMode, maxTrainRows, e);
    }
  }

  private final Config config;

  public EnsembleTrainer(Config config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
  }

  public Ensemble train(TrainingSet set, long seed, ProgressListener progress) {
    if (progress == null) {
      throw new IllegalArgumentException("progress must not be null (use ProgressListener.NONE)");
    }
    progress.onProgress("split", 0, 1);
    Split split = Split.of(set.labelled(), seed);
    if (split.calibration().stream().noneMatch(LabelledWindow::failing)
        || split.calibration().stream().allMatch(LabelledWindow::failing)) {
      throw new IllegalArgumentException("set needs failing and normal windows from at least 3 components each (got "
          + set.failingCount() + " failing windows); inject faults into normal history first");
    }
    List<LabelledWindow> train = cap(split.train(), config.maxTrainRows(), seed);
    List<ComponentWindow> normal = new ArrayList<>(set.normalHistory());
    split.train().stream().filter(l -> !l.failing()).forEach(l -> normal.add(l.window()));
    List<ComponentWindow> normalCapped = capWindows(normal, config.maxTrainRows(), seed);
    progress.onProgress("split", 1, 1);

    List<FailureModel> models = new ArrayList<>();
    if (config.members().contains(IsolationForestModel.NAME)) {
      progress.onProgress(IsolationForestModel.NAME, 0, 1);
      models.add(IsolationForestModel.train(set.schema(), normal, config.iforest(), seed));
      progress.onProgress(IsolationForestModel.NAME, 1, 1);
    }
    if (config.members().contains(RandomForestModel.NAME)) {
      progress.onProgress(RandomForestModel.NAME, 0, 1);
      models.add(RandomForestModel.train(set.schema(), train, config.forest(), seed));
      progress.onProgress(RandomForestModel.NAME, 1, 1);
    }
    if (config.members().contains(LstmModel.NAME)) {
      long failing = train.stream().filter(LabelledWindow::failing).count();
      LstmModel.Mode mode = config.lstmMode() != null ? config.lstmMode() : failing >= 30 ? LstmModel.Mode.HORIZON : LstmModel.Mode.FORECAST;
      LstmModel.Params p = config.lstm();
      p = new LstmModel.Params(mode, p.steps(), p.hidden(), p.epochs(), p.learningRate(), p.batchSize());
      models.add(mode == LstmModel.Mode.HORIZON
          ? LstmModel.trainClassifier(set.schema(), train, p, seed, progress)
          : LstmModel.trainForecaster(set.schema(), normalCapped, p, seed, progress));
    }

    List<ComponentWindow> calW = split.calibration().stream().map(LabelledWindow::window).toList();
    boolean[] calY = labels(split.calibration());
    List<ComponentWindow> valW = split.validation().stream().map(LabelledWindow::window).toList();
    boolean[] valY = labels(split.validation());
    List<FailureModel> calibrated = new ArrayList<>();
    models.sort((a, b) -> a.name().compareTo(b.name()));
    double[][] calP = new double[calW.size()][models.size()];
    for (int m = 0; m < models.size(); m++) {
      progress.onProgress("calibration", m, models.size());
      FailureModel fm = models.get(m);
      FailureModel c = fm.withCalibration(Calibration.platt(fm.rawScores(calW), calY));
      var scores = c.scoreBatch(calW);
      for (int i = 0; i < calW.size(); i++) {
        calP[i][m] = scores.get(i).probability();
      }
      calibrated.add(c);
    }
    Combiner combiner = Combiner.fit(calibrated.stream().map(FailureModel::name).toList(), calP, calY);
    progress.onProgress("calibration", models.size(), models.size());

    progress.onProgress("validation", 0, models.size() + 1);
    List<FailureModel> validated = new ArrayList<>();
    for (FailureModel m : calibrated) {
      double[] p = m.scoreBatch(valW).stream().mapToDouble(s -> s.probability()).toArray();
      validated.add(m.withInfo(m.info().withValidation(metrics(p, valY))));
    }
    int steps = Math.max(config.iforest().windowSteps(), config.forest().windowSteps());
    double[][] normalRows = WindowSummary.rows(normalCapped, steps);
    Standardizer summary = Standardizer.fit(normalRows);
    Standardizer latest = new Standardizer(java.util.Arrays.copyOf(summary.mean(), set.schema().size()),
        java.util.Arrays.copyOf(summary.std(), set.schema().size()));
    FailureLimits limits = FailureLimits.learn(set.schema(), split.train(), latest, config.ensemble().limits());
    ModeClassifier modes = ModeClassifier.learn(split.train(), summary, steps);
    String fingerprint = Fingerprint.of(set);
    String version = "augur-ensemble-" + fingerprint.substring(0, 12) + "-s" + seed;
    Ensemble draft = new Ensemble(set.schema(), validated, combiner, summary, steps, limits, modes, config.ensemble(),
        version, fingerprint, Map.of());
    Map<String, Double> ev = metrics(draft.probabilities(valW), valY);
    progress.onProgress("validation", models.size() + 1, models.size() + 1);
    return new Ensemble(set.schema(), validated, combiner, summary, steps, limits, modes, config.ensemble(), version,
        fingerprint, ev);
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

  /** All failing windows and a seeded sample of normal ones, at most {@code max} in all (failing kept first). */
  static List<LabelledWindow> cap(List<LabelledWindow> ls, int max, long seed) {
    if (ls.size() <= max) {
      return ls;
    }
    List<LabelledWindow> failing = new ArrayList<>();
    List<LabelledWindow> normal = new ArrayList<>();
    ls.forEach(l -> (l.failing() ? failing : normal).add(l));
    java.util.Collections.shuffle(normal, new Random(seed));
    List<LabelledWindow> out = new ArrayList<>(failing.subList(0, Math.min(failing.size(), max / 2)));
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
