package io.augur.models.lstm;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.Calibration;
import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.Json;
import io.augur.models.LabelledWindow;
import io.augur.models.LogisticRegression;
import io.augur.models.ModelInfo;
import io.augur.models.ModelScore;
import io.augur.models.ProgressListener;
import io.augur.models.Shares;
import io.augur.models.Standardizer;
import io.augur.models.Windows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A small LSTM over the last {@code steps} vectors of a component (inputs standardised against
 * normal and clipped to +-10, plus two per-step channels: largest |z| and mean z^2).
 *
 * <ul>
 *   <li>{@code FORECAST}: trained on normal history to predict each next step; the raw score is
 *       {@code log(1 + mean r^2)} of the last step's residuals {@code r} standardised by their
 *       spread on normal data; contributions are each feature's share of {@code r^2}.
 *   <li>{@code HORIZON}: trained on labelled windows to classify "failure within horizon H"; the
 *       raw score is the logit of the net's output; contributions are shares of the latest vector's
 *       squared z.
 * </ul>
 *
 * <p>Scoring runs the trained weights through {@link LstmForward}; the DL4J network is kept only to
 * be saved. Immutable and thread-safe.
 */
public final class LstmModel implements FailureModel {

  public static final String NAME = "lstm";
  static final String MODEL_FILE = NAME + ".zip";
  static final String STATE_FILE = NAME + ".json";

  public enum Mode {
    FORECAST,
    HORIZON
  }

  /** Hyperparameters. Keep {@code hidden} small: scoring cost grows with its square. */
  public record Params(
      Mode mode, int steps, int hidden, int epochs, double learningRate, int batchSize) {
    public Params {
      if (mode == null) {
        throw new IllegalArgumentException("mode must not be null");
      }
      if (steps < 2 || steps > 256) {
        throw new IllegalArgumentException("steps must be within [2, 256], got " + steps);
      }
      if (hidden < 1 || hidden > 512) {
        throw new IllegalArgumentException("hidden must be within [1, 512], got " + hidden);
      }
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      if (!(learningRate > 0 && learningRate < 1)) {
        throw new IllegalArgumentException(
            "learningRate must be within (0, 1), got " + learningRate);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
      }
    }

    public static Params defaults(Mode mode) {
      return new Params(mode, 8, 12, mode == Mode.FORECAST ? 8 : 12, 0.01, 64);
    }
  }

  record State(
      FeatureSchema schema,
      Params params,
      Standardizer standardizer,
      double[] residualStd,
      Calibration calibration,
      ModelInfo info) {}

  private final State state;
  private final MultiLayerNetwork net;
  private final LstmForward forward;

  private LstmModel(State state, MultiLayerNetwork net, LstmForward forward) {
    this.state = state;
    this.net = net;
    this.forward = forward;
  }

  /** Trains a forecaster on normal windows (each at least 2 steps long). */
  public static LstmModel trainForecaster(
      FeatureSchema schema,
      List<ComponentWindow> normal,
      Params p,
      long seed,
      ProgressListener progress) {
    requireMode(p, Mode.FORECAST);
    Windows.requireSchema(schema, normal);
    if (normal.size() < 16) {
      throw new IllegalArgumentException(
          "normal must hold at least 16 windows, got " + normal.size());
    }
    Standardizer st = fitStandardizer(normal);
    int d = schema.size();
    int c = channels(d);
    int n = normal.size();
    float[][][] x = new float[n][p.steps() - 1][];
    float[][][] y = new float[n][p.steps() - 1][];
    for (int i = 0; i < n; i++) {
      float[][] seq = sequence(normal.get(i), p.steps(), st, Mode.FORECAST);
      for (int t = 0; t < p.steps() - 1; t++) {
        x[i][t] = seq[t];
        y[i][t] = seq[t + 1];
      }
    }
    MultiLayerNetwork net = LstmNet.build(Mode.FORECAST, c, p.hidden(), p.learningRate(), seed);
    LstmNet.fit(net, Mode.FORECAST, x, y, p.epochs(), p.batchSize(), seed, progress);
    LstmForward fwd = LstmNet.forward(net, Mode.FORECAST);
    double[] res = new double[c];
    for (int i = 0; i < n; i++) {
      double[] pred = fwd.lastOutput(flatten(x[i]), p.steps() - 1);
      for (int j = 0; j < c; j++) {
        double r = y[i][p.steps() - 2][j] - pred[j];
        res[j] += r * r;
      }
    }
    for (int j = 0; j < c; j++) {
      res[j] = Math.max(1e-3, Math.sqrt(res[j] / n));
    }
    return new LstmModel(
        new State(schema, p, st, res, Calibration.identity(), info(p, seed, n)), net, fwd);
  }

  /**
   * Trains a horizon classifier on labelled windows (both classes needed; failing ones oversampled
   * up to 3 times).
   */
  public static LstmModel trainClassifier(
      FeatureSchema schema,
      List<LabelledWindow> labelled,
      Params p,
      long seed,
      ProgressListener progress) {
    requireMode(p, Mode.HORIZON);
    List<ComponentWindow> windows = labelled.stream().map(LabelledWindow::window).toList();
    Windows.requireSchema(schema, windows);
    List<ComponentWindow> normal = new ArrayList<>();
    List<ComponentWindow> failing = new ArrayList<>();
    for (LabelledWindow l : labelled) {
      (l.failing() ? failing : normal).add(l.window());
    }
    if (normal.isEmpty() || failing.isEmpty()) {
      throw new IllegalArgumentException(
          "labelled must hold failing and normal windows, got "
              + failing.size()
              + " failing of "
              + labelled.size());
    }
    Standardizer st = fitStandardizer(normal);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<ComponentWindow> all = new ArrayList<>(normal);
    List<Boolean> ys = new ArrayList<>();
    normal.forEach(w -> ys.add(false));
    int copies =
        Math.max(
            failing.size(),
            Math.min(normal.size(), 3 * failing.size())); // oversample, but not into memorising
    for (int i = 0; i < copies; i++) {
      all.add(i < failing.size() ? failing.get(i) : failing.get(rnd.nextInt(failing.size())));
      ys.add(true);
    }
    float[][][] x = new float[all.size()][][];
    float[][][] y = new float[all.size()][1][1];
    for (int i = 0; i < x.length; i++) {
      x[i] = sequence(all.get(i), p.steps(), st, Mode.HORIZON);
      y[i][0][0] = ys.get(i) ? 1f : 0f;
    }
    MultiLayerNetwork net =
        LstmNet.build(Mode.HORIZON, channels(schema.size()), p.hidden(), p.learningRate(), seed);
    LstmNet.fit(net, Mode.HORIZON, x, y, p.epochs(), p.batchSize(), seed, progress);
    return new LstmModel(
        new State(schema, p, st, null, Calibration.identity(), info(p, seed, x.length)),
        net,
        LstmNet.forward(net, Mode.HORIZON));
  }

  private static void requireMode(Params p, Mode m) {
    if (p.mode() != m) {
      throw new IllegalArgumentException("params.mode must be " + m + " here, got " + p.mode());
    }
  }

  private static ModelInfo info(Params p, long seed, int rows) {
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("mode", p.mode().name());
    hp.put("steps", String.valueOf(p.steps()));
    hp.put("hidden", String.valueOf(p.hidden()));
    hp.put("epochs", String.valueOf(p.epochs()));
    hp.put("learningRate", String.valueOf(p.learningRate()));
    hp.put("batchSize", String.valueOf(p.batchSize()));
    hp.put("updater", "Adam");
    hp.put("seed", String.valueOf(seed));
    hp.put("trainingSequences", String.valueOf(rows));
    return new ModelInfo(NAME, "deeplearning4j", "1.0.0-M2.1", hp, Map.of(), "");
  }

  private static Standardizer fitStandardizer(List<ComponentWindow> normal) {
    List<double[]> rows = new ArrayList<>();
    for (ComponentWindow w : normal) {
      for (FeatureVector v : w.recent()) {
        rows.add(v.values());
      }
    }
    return Standardizer.fit(rows.toArray(double[][]::new));
  }

  /**
   * Input channels per step: the d standardised features, then their largest |z|, mean z^2, and
   * mean and least |change| since the previous step.
   */
  static int channels(int d) {
    return d + 4;
  }

  /**
   * The last {@code steps} vectors, standardised and clipped, padded at the front with the oldest;
   * each step also carries its largest |z|, its mean z^2 (so a fault on any one feature shows in
   * one channel too) and the mean and least |change| of z since the previous step (a stuck or
   * flat-lined feature shows as a least change of zero).
   */
  static float[][] sequence(ComponentWindow w, int steps, Standardizer st, Mode mode) {
    int c = channels(st.size());
    float[] flat = new float[steps * c];
    fill(w, steps, st, mode, flat);
    float[][] seq = new float[steps][];
    for (int t = 0; t < steps; t++) {
      seq[t] = java.util.Arrays.copyOfRange(flat, t * c, (t + 1) * c);
    }
    return seq;
  }

  /**
   * {@link #sequence} written step after step into {@code out} ({@code out[t * channels + j]}),
   * allocating nothing.
   */
  static void fill(ComponentWindow w, int steps, Standardizer st, Mode mode, float[] out) {
    List<FeatureVector> r = w.recent();
    int d = st.size();
    int c = channels(d);
    for (int t = 0; t < steps; t++) {
      int idx = Math.max(0, r.size() - steps + t);
      FeatureVector v = r.get(idx);
      int o = t * c;
      double max = 0;
      double sq = 0;
      double sumChange = 0;
      double minChange = Double.MAX_VALUE;
      for (int j = 0; j < d; j++) {
        double z = Math.max(-10, Math.min(10, st.z(j, v.valueAt(j))));
        out[o + j] = (float) z;
        max = Math.max(max, Math.abs(z));
        sq += z * z;
        double change = t == 0 ? 0 : Math.abs(z - out[o - c + j]);
        sumChange += change;
        minChange = Math.min(minChange, change);
      }
      out[o + d] = (float) max;
      out[o + d + 1] = (float) (sq / d);
      out[o + d + 2] = (float) (sumChange / d);
      out[o + d + 3] = t == 0 ? 0f : (float) minChange;
    }
    if (steps > 1) {
      out[d + 2] = out[c + d + 2];
      out[d + 3] = out[c + d + 3];
    }
    if (mode == Mode.HORIZON) {
      // the classifier sees each step's |z| sorted, largest first: "some feature is off" looks the
      // same whichever feature it is, so faults on features it never saw failing are still caught
      int[] pairs = SortNetwork.pairs(d);
      for (int t = 0; t < steps; t++) {
        SortNetwork.sortAbsDescending(out, t * c, d, pairs);
      }
    }
  }

  private static double[] flatten(float[][] seq) {
    int d = seq[0].length;
    double[] out = new double[seq.length * d];
    for (int t = 0; t < seq.length; t++) {
      for (int j = 0; j < d; j++) {
        out[t * d + j] = seq[t][j];
      }
    }
    return out;
  }

  public Mode mode() {
    return state.params().mode();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FeatureSchema schema() {
    return state.schema();
  }

  @Override
  public int windowSteps() {
    return state.params().steps();
  }

  /** Work space for scoring one window after another on one thread. */
  private final class Work {
    final float[] seq = new float[state.params().steps() * channels(state.schema().size())];
    final LstmForward.Scratch scratch = forward.scratch();
    final double[] out = new double[forward.nOut()];
  }

  /** Raw score and evidence per feature for one window. */
  private double raw(ComponentWindow w, double[] evidence, Work work) {
    int steps = state.params().steps();
    float[] seq = work.seq;
    fill(w, steps, state.standardizer(), mode(), seq);
    int d = evidence.length;
    if (mode() == Mode.FORECAST) {
      double[] pred = work.out;
      forward.lastOutput(seq, steps - 1, work.scratch, pred);
      double[] residualStd = state.residualStd();
      double sum = 0;
      int c = pred.length;
      int last = (steps - 1) * c;
      for (int j = 0; j < c; j++) {
        double r = (seq[last + j] - pred[j]) / residualStd[j];
        if (j < d) {
          evidence[j] = r * r;
        }
        sum += r * r;
      }
      return Math.log1p(sum / c);
    }
    forward.lastOutput(seq, steps, work.scratch, work.out);
    double p = work.out[0];
    FeatureVector last = w.latest();
    Standardizer st = state.standardizer();
    for (int j = 0; j < d; j++) {
      double z = Math.max(-10, Math.min(10, st.z(j, last.valueAt(j))));
      evidence[j] = z * z;
    }
    return LogisticRegression.logit(p);
  }

  @Override
  public double[] rawScores(List<ComponentWindow> windows) {
    Windows.requireSchema(state.schema(), windows);
    double[] out = new double[windows.size()];
    double[] ev = new double[state.schema().size()];
    Work work = new Work();
    for (int i = 0; i < out.length; i++) {
      out[i] = raw(windows.get(i), ev, work);
    }
    return out;
  }

  @Override
  public List<ModelScore> scoreBatch(List<ComponentWindow> windows) {
    Windows.requireSchema(state.schema(), windows);
    List<ModelScore> out = new ArrayList<>(windows.size());
    Work work = new Work();
    for (ComponentWindow w : windows) {
      double[] ev = new double[state.schema().size()];
      double raw = raw(w, ev, work);
      double p = state.calibration().apply(raw);
      out.add(new ModelScore(NAME, p, raw, Shares.scale(ev, p)));
    }
    return out;
  }

  /** DL4J's own last-step output for these windows (tests compare it with the plain-Java pass). */
  double[][] dl4jOutputs(List<ComponentWindow> windows) {
    int steps = state.params().steps();
    int len = mode() == Mode.FORECAST ? steps - 1 : steps;
    float[][][] x = new float[windows.size()][][];
    for (int i = 0; i < x.length; i++) {
      float[][] seq = sequence(windows.get(i), steps, state.standardizer(), mode());
      x[i] = java.util.Arrays.copyOf(seq, len);
    }
    return LstmNet.dl4jLastOutputs(net, mode(), x);
  }

  /** The plain-Java pass's last-step output for these windows. */
  double[][] forwardOutputs(List<ComponentWindow> windows) {
    int steps = state.params().steps();
    int len = mode() == Mode.FORECAST ? steps - 1 : steps;
    double[][] out = new double[windows.size()][];
    for (int i = 0; i < out.length; i++) {
      float[][] seq = sequence(windows.get(i), steps, state.standardizer(), mode());
      out[i] = forward.lastOutput(flatten(java.util.Arrays.copyOf(seq, len)), len);
    }
    return out;
  }

  @Override
  public LstmModel withCalibration(Calibration c) {
    return new LstmModel(
        new State(
            state.schema(),
            state.params(),
            state.standardizer(),
            state.residualStd(),
            c,
            state.info()),
        net,
        forward);
  }

  @Override
  public Calibration calibration() {
    return state.calibration();
  }

  @Override
  public ModelInfo info() {
    return state.info();
  }

  @Override
  public LstmModel withInfo(ModelInfo info) {
    return new LstmModel(
        new State(
            state.schema(),
            state.params(),
            state.standardizer(),
            state.residualStd(),
            state.calibration(),
            info),
        net,
        forward);
  }

  @Override
  public List<String> writeTo(Path dir) throws IOException {
    synchronized (net) {
      LstmNet.save(net, dir.resolve(MODEL_FILE));
    }
    Json.write(dir.resolve(STATE_FILE), state);
    return List.of(MODEL_FILE, STATE_FILE);
  }

  /** Reads a model {@link #writeTo} wrote (DL4J's ModelSerializer zip plus the state JSON). */
  public static LstmModel readFrom(Path dir) throws IOException {
    State state = Json.read(dir.resolve(STATE_FILE), State.class);
    MultiLayerNetwork net;
    try {
      net = LstmNet.load(dir.resolve(MODEL_FILE));
    } catch (RuntimeException e) {
      throw new IOException(MODEL_FILE + " is not a DL4J network: " + e.getMessage(), e);
    }
    LstmForward fwd;
    try {
      fwd = LstmNet.forward(net, state.params().mode());
    } catch (RuntimeException e) {
      throw new IOException(
          MODEL_FILE + " does not hold an LSTM of the expected shape: " + e.getMessage(), e);
    }
    int d = state.schema().size();
    int expectedOut = state.params().mode() == Mode.FORECAST ? channels(d) : 1;
    if (fwd.nIn() != channels(d) || fwd.nOut() != expectedOut) {
      throw new IOException(
          MODEL_FILE
              + " takes "
              + fwd.nIn()
              + " inputs and gives "
              + fwd.nOut()
              + " outputs; schema "
              + state.schema().name()
              + " needs "
              + channels(d)
              + " and "
              + expectedOut);
    }
    if (state.params().mode() == Mode.FORECAST
        && (state.residualStd() == null || state.residualStd().length != channels(d))) {
      throw new IOException(STATE_FILE + " lacks the residual spread a forecaster needs");
    }
    return new LstmModel(state, net, fwd);
  }
}
