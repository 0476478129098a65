package io.augur.models.iforest;

import io.augur.domain.FeatureSchema;
import io.augur.models.Calibration;
import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.Json;
import io.augur.models.ModelInfo;
import io.augur.models.ModelScore;
import io.augur.models.SummaryScaler;
import io.augur.models.Windows;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import smile.anomaly.IsolationForest;

/**
 * Smile's isolation forest over each feature's deviation from normal (the largest |z| of its latest
 * value, change and spread over the window) plus the {@link SummaryScaler} aggregates. Trained on
 * normal windows only; a higher anomaly score means more unusual. Contributions: each feature's
 * share of the row's squared z-scores against normal. Immutable; scoring reads the forest flattened
 * into arrays ({@link CompiledIsolationForest}), so concurrent scoring is safe.
 */
public final class IsolationForestModel implements FailureModel {

  public static final String NAME = "isolation-forest";
  static final String MODEL_FILE = NAME + ".ser";
  static final String STATE_FILE = NAME + ".json";

  /** Hyperparameters: trees, samples per tree, window steps summarised. */
  public record Params(int trees, int sampleSize, int windowSteps) {
    public Params {
      if (trees < 1 || trees > 2000) {
        throw new IllegalArgumentException("trees must be within [1, 2000], got " + trees);
      }
      if (sampleSize < 16) {
        throw new IllegalArgumentException("sampleSize must be >= 16, got " + sampleSize);
      }
      if (windowSteps < 1) {
        throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
      }
    }

    public static Params defaults() {
      return new Params(50, 256, 8);
    }
  }

  /** Everything but the forest itself, as written to {@code isolation-forest.json}. */
  record State(
      FeatureSchema schema,
      Params params,
      SummaryScaler scaler,
      Calibration calibration,
      ModelInfo info) {}

  private final State state;
  private final IsolationForest forest; // kept to be saved
  private final CompiledIsolationForest compiled; // what scores

  private IsolationForestModel(State state, IsolationForest forest) {
    this(
        state,
        forest,
        CompiledIsolationForest.of(forest, state.scaler().features() + SummaryScaler.AGGREGATES));
  }

  private IsolationForestModel(
      State state, IsolationForest forest, CompiledIsolationForest compiled) {
    this.state = state;
    this.forest = forest;
    this.compiled = compiled;
  }

  /**
   * Fits on normal windows (at least 32). Reproducible for a given seed: Smile grows the trees one
   * after another from seeded generators ({@link SeededGrowth}), each on {@code sampleSize} rows.
   */
  public static IsolationForestModel train(
      FeatureSchema schema, List<ComponentWindow> normal, Params p, long seed) {
    Windows.requireSchema(schema, normal);
    if (normal.size() < 32) {
      throw new IllegalArgumentException(
          "normal must hold at least 32 windows, got " + normal.size());
    }
    SummaryScaler scaler = SummaryScaler.fit(normal, p.windowSteps());
    double[][] z = new double[normal.size()][];
    for (int i = 0; i < z.length; i++) {
      z[i] = input(scaler, scaler.row(normal.get(i)));
    }
    int depth = SeededGrowth.depthLimit(Math.min(p.sampleSize(), z.length));
    IsolationForest f = SeededGrowth.grow(z, p.trees(), p.sampleSize(), seed);
    ModelInfo info =
        new ModelInfo(
            NAME,
            "smile",
            "3.1.1",
            Map.of(
                "trees",
                String.valueOf(p.trees()),
                "sampleSize",
                String.valueOf(p.sampleSize()),
                "maxDepth",
                String.valueOf(depth),
                "extensionLevel",
                "0",
                "windowSteps",
                String.valueOf(p.windowSteps()),
                "seed",
                String.valueOf(seed),
                "trainingRows",
                String.valueOf(z.length),
                "growth",
                "sequential-seeded"),
            Map.of(),
            "");
    return new IsolationForestModel(new State(schema, p, scaler, Calibration.identity(), info), f);
  }

  /**
   * The forest's input: per feature its deviation (largest |z| of latest, change, spread), then the
   * aggregates.
   */
  private static double[] input(SummaryScaler scaler, double[] zRow) {
    double[] dev = scaler.deviations(zRow);
    double[] in = java.util.Arrays.copyOf(dev, dev.length + SummaryScaler.AGGREGATES);
    System.arraycopy(
        zRow, zRow.length - SummaryScaler.AGGREGATES, in, dev.length, SummaryScaler.AGGREGATES);
    return in;
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
    return state.params().windowSteps();
  }

  @Override
  public double[] rawScores(List<ComponentWindow> windows) {
    Windows.requireSchema(state.schema(), windows);
    double[] out = new double[windows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compiled.score(input(state.scaler(), state.scaler().row(windows.get(i))));
    }
    return out;
  }

  @Override
  public List<ModelScore> scoreBatch(List<ComponentWindow> windows) {
    Windows.requireSchema(state.schema(), windows);
    List<ModelScore> out = new ArrayList<>(windows.size());
    for (ComponentWindow w : windows) {
      double[] row = state.scaler().row(w);
      double raw = compiled.score(input(state.scaler(), row));
      double p = state.calibration().apply(raw);
      out.add(new ModelScore(NAME, p, raw, state.scaler().shares(row, null, p)));
    }
    return out;
  }

  /** Smile's own score of these windows (tests compare it with the compiled forest's). */
  double[] smileScores(List<ComponentWindow> windows) {
    double[] out = new double[windows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = forest.score(input(state.scaler(), state.scaler().row(windows.get(i))));
    }
    return out;
  }

  @Override
  public IsolationForestModel withCalibration(Calibration calibration) {
    return new IsolationForestModel(
        new State(state.schema(), state.params(), state.scaler(), calibration, state.info()),
        forest,
        compiled);
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
  public IsolationForestModel withInfo(ModelInfo info) {
    return new IsolationForestModel(
        new State(state.schema(), state.params(), state.scaler(), state.calibration(), info),
        forest,
        compiled);
  }

  @Override
  public List<String> writeTo(Path dir) throws IOException {
    try (OutputStream os = Files.newOutputStream(dir.resolve(MODEL_FILE));
        ObjectOutputStream out = new ObjectOutputStream(os)) {
      out.writeObject(forest);
    }
    Json.write(dir.resolve(STATE_FILE), state);
    return List.of(MODEL_FILE, STATE_FILE);
  }

  /**
   * Reads a model {@link #writeTo} wrote. Java deserialisation is limited to Smile's and the JDK's
   * collection classes; the bundle has checked the files' checksums before this runs.
   */
  public static IsolationForestModel readFrom(Path dir) throws IOException {
    State state = Json.read(dir.resolve(STATE_FILE), State.class);
    try (InputStream is = Files.newInputStream(dir.resolve(MODEL_FILE));
        ObjectInputStream in = new ObjectInputStream(is)) {
      in.setObjectInputFilter(
          ObjectInputFilter.Config.createFilter(
              "maxdepth=64;maxrefs=10000000;smile.anomaly.*;java.lang.*;java.util.*;!*"));
      Object o = in.readObject();
      if (!(o instanceof IsolationForest f)) {
        throw new IOException(
            MODEL_FILE + " holds " + o.getClass().getName() + ", not a Smile IsolationForest");
      }
      if (f.size() != state.params().trees()) {
        throw new IOException(
            MODEL_FILE
                + " holds "
                + f.size()
                + " trees, "
                + STATE_FILE
                + " says "
                + state.params().trees());
      }
      try {
        return new IsolationForestModel(state, f);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            MODEL_FILE + " does not fit " + STATE_FILE + ": " + e.getMessage(), e);
      }
    } catch (ClassNotFoundException | java.io.InvalidClassException e) {
      throw new IOException(MODEL_FILE + " cannot be read: " + e.getMessage(), e);
    }
  }
}
