package io.augur.models.forest;

import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import io.augur.domain.FeatureSchema;
import io.augur.models.Calibration;
import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.Json;
import io.augur.models.LabelledWindow;
import io.augur.models.ModelInfo;
import io.augur.models.ModelScore;
import io.augur.models.SummaryScaler;
import io.augur.models.Windows;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo's random forest (trained and stored by Tribuo, scored through {@link CompiledForest}) over
 * window summary rows scaled by {@link SummaryScaler}, reduced to feature-order-free columns
 * (sorted deviations, aggregates, spread extremes; see {@code input}). The raw score is the
 * fraction of trees voting "failing"; calibration turns it into a probability. Contributions:
 * squared z-scores against normal, weighted by how well each column separates failing from normal
 * in training. Tribuo models are immutable and safe for concurrent prediction.
 */
public final class RandomForestModel implements FailureModel {

  public static final String NAME = "random-forest";
  static final String MODEL_FILE = NAME + ".tribuo";
  static final String STATE_FILE = NAME + ".json";
  static final String FAILING = "failing";
  static final String NORMAL = "normal";

  /**
   * Hyperparameters: trees, depth limit, fraction of features tried per split, window steps
   * summarised.
   */
  public record Params(int trees, int maxDepth, double featureFraction, int windowSteps) {
    public Params {
      if (trees < 1 || trees > 1000) {
        throw new IllegalArgumentException("trees must be within [1, 1000], got " + trees);
      }
      if (maxDepth < 1 || maxDepth > 30) {
        throw new IllegalArgumentException("maxDepth must be within [1, 30], got " + maxDepth);
      }
      if (!(featureFraction > 0 && featureFraction <= 1)) {
        throw new IllegalArgumentException(
            "featureFraction must be within (0, 1], got " + featureFraction);
      }
      if (windowSteps < 1) {
        throw new IllegalArgumentException("windowSteps must be >= 1, got " + windowSteps);
      }
    }

    public static Params defaults() {
      return new Params(40, 8, 0.5, 8);
    }
  }

  record State(
      FeatureSchema schema,
      Params params,
      List<String> columns,
      SummaryScaler scaler,
      double[] columnWeights,
      Calibration calibration,
      ModelInfo info) {}

  private final State state;
  private final Model<Label> model;
  private final String[] columns;
  private final CompiledForest compiled;

  private RandomForestModel(State state, Model<Label> model) {
    this.state = state;
    this.model = model;
    this.columns = state.columns().toArray(String[]::new);
    this.compiled = CompiledForest.of(model, columns, FAILING);
  }

  /** Trains on labelled windows; needs both classes. Reproducible for a given seed. */
  public static RandomForestModel train(
      FeatureSchema schema, List<LabelledWindow> labelled, Params p, long seed) {
    List<ComponentWindow> windows = labelled.stream().map(LabelledWindow::window).toList();
    Windows.requireSchema(schema, windows);
    long pos = labelled.stream().filter(LabelledWindow::failing).count();
    if (pos == 0 || pos == labelled.size()) {
      throw new IllegalArgumentException(
          "labelled must hold failing and normal windows, got "
              + pos
              + " failing of "
              + labelled.size());
    }
    List<String> cols = columnNames(schema);
    String[] names = cols.toArray(String[]::new);
    List<ComponentWindow> normalWindows = new ArrayList<>();
    for (LabelledWindow l : labelled) {
      if (!l.failing()) {
        normalWindows.add(l.window());
      }
    }
    SummaryScaler scaler = SummaryScaler.fit(normalWindows, p.windowSteps());
    double[][] zRows = new double[windows.size()][];
    double[][] rows = new double[windows.size()][];
    for (int i = 0; i < rows.length; i++) {
      zRows[i] = scaler.row(windows.get(i));
      rows[i] = input(scaler, zRows[i]);
    }
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(
                "augur labelled windows (" + rows.length + ", " + pos + " failing)", factory),
            factory);
    for (int i = 0; i < rows.length; i++) {
      data.add(
          new ArrayExample<>(
              new Label(labelled.get(i).failing() ? FAILING : NORMAL), names, rows[i]));
    }
    CARTClassificationTrainer tree =
        new CARTClassificationTrainer(p.maxDepth(), (float) p.featureFraction(), seed);
    RandomForestTrainer<Label> trainer =
        new RandomForestTrainer<>(tree, new FullyWeightedVotingCombiner(), p.trees(), seed);
    Model<Label> m = trainer.train(data);
    double[] weights = separation(zRows, labelled);
    Map<String, String> hp = new LinkedHashMap<>();
    hp.put("trees", String.valueOf(p.trees()));
    hp.put("maxDepth", String.valueOf(p.maxDepth()));
    hp.put("featureFraction", String.valueOf(p.featureFraction()));
    hp.put("windowSteps", String.valueOf(p.windowSteps()));
    hp.put("combiner", "FullyWeightedVotingCombiner");
    hp.put("seed", String.valueOf(seed));
    ModelInfo info =
        new ModelInfo(
            NAME,
            "tribuo",
            "4.3.2",
            hp,
            Map.of(),
            ProvenanceUtil.formattedProvenanceString(m.getProvenance()));
    return new RandomForestModel(
        new State(schema, p, cols, scaler, weights, Calibration.identity(), info), m);
  }

  /** |mean z of failing - mean z of normal| per column, normalised to mean 1. */
  private static double[] separation(double[][] rows, List<LabelledWindow> labelled) {
    int k = rows[0].length;
    double[] sumPos = new double[k];
    double[] sumNeg = new double[k];
    int np = 0;
    int nn = 0;
    for (int i = 0; i < rows.length; i++) {
      boolean f = labelled.get(i).failing();
      for (int c = 0; c < k; c++) {
        double z = rows[i][c];
        if (f) {
          sumPos[c] += z;
        } else {
          sumNeg[c] += z;
        }
      }
      if (f) {
        np++;
      } else {
        nn++;
      }
    }
    double[] w = new double[k];
    double total = 0;
    for (int c = 0; c < k; c++) {
      w[c] = Math.abs(sumPos[c] / np - sumNeg[c] / nn) + 1e-3;
      total += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] *= k / total;
    }
    return w;
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

  /** The z rows (3 x d + 4 columns) of these windows. */
  private double[][] rows(List<ComponentWindow> windows) {
    double[][] rows = new double[windows.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = state.scaler().row(windows.get(i));
    }
    return rows;
  }

  /**
   * The forest's input: per feature its deviation from normal, sorted largest first (which feature
   * is off does not matter, so faults on features never seen failing still look like faults), then
   * the aggregates, then the lowest and highest spread z (a flat line, a burst).
   */
  static double[] input(SummaryScaler scaler, double[] zRow) {
    int d = scaler.features();
    double[] dev = scaler.deviations(zRow);
    java.util.Arrays.sort(dev);
    double[] in = new double[d + SummaryScaler.AGGREGATES + 2];
    for (int j = 0; j < d; j++) {
      in[j] = dev[d - 1 - j];
    }
    System.arraycopy(zRow, 3 * d, in, d, SummaryScaler.AGGREGATES);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int j = 2 * d; j < 3 * d; j++) {
      min = Math.min(min, zRow[j]);
      max = Math.max(max, zRow[j]);
    }
    in[d + SummaryScaler.AGGREGATES] = min;
    in[d + SummaryScaler.AGGREGATES + 1] = max;
    return in;
  }

  static List<String> columnNames(FeatureSchema schema) {
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= schema.size(); j++) {
      names.add("deviation#" + j);
    }
    names.addAll(
        List.of(
            "*:max|z|",
            "*:delta:max|z|",
            "*:std:max|z|",
            "*:mean z^2",
            "*:std:min z",
            "*:std:max z"));
    return names;
  }

  private List<Example<Label>> examples(double[][] zRows) {
    List<Example<Label>> out = new ArrayList<>(zRows.length);
    for (double[] r : zRows) {
      out.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, columns, input(state.scaler(), r)));
    }
    return out;
  }

  private static double votes(Prediction<Label> p) {
    Label l = p.getOutputScores().get(FAILING);
    return l == null ? 0.0 : l.getScore();
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

  /** Tribuo's own scores for these windows (tests check the compiled forest against them). */
  double[] tribuoScores(List<ComponentWindow> windows) {
    List<Prediction<Label>> preds = model.predict(examples(rows(windows)));
    double[] out = new double[preds.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = votes(preds.get(i));
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
      out.add(new ModelScore(NAME, p, raw, state.scaler().shares(row, state.columnWeights(), p)));
    }
    return out;
  }

  @Override
  public RandomForestModel withCalibration(Calibration c) {
    return new RandomForestModel(
        new State(
            state.schema(),
            state.params(),
            state.columns(),
            state.scaler(),
            state.columnWeights(),
            c,
            state.info()),
        model);
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
  public RandomForestModel withInfo(ModelInfo info) {
    return new RandomForestModel(
        new State(
            state.schema(),
            state.params(),
            state.columns(),
            state.scaler(),
            state.columnWeights(),
            state.calibration(),
            info),
        model);
  }

  @Override
  public List<String> writeTo(Path dir) throws IOException {
    model.serializeToFile(dir.resolve(MODEL_FILE));
    Json.write(dir.resolve(STATE_FILE), state);
    return List.of(MODEL_FILE, STATE_FILE);
  }

  /** Reads a model {@link #writeTo} wrote (Tribuo's protobuf format). */
  public static RandomForestModel readFrom(Path dir) throws IOException {
    State state = Json.read(dir.resolve(STATE_FILE), State.class);
    Model<?> m;
    try {
      m = Model.deserializeFromFile(dir.resolve(MODEL_FILE));
    } catch (RuntimeException e) {
      throw new IOException(MODEL_FILE + " is not a Tribuo model: " + e.getMessage(), e);
    }
    if (!m.validate(Label.class)) {
      throw new IOException(MODEL_FILE + " is not a Tribuo classification model");
    }
    @SuppressWarnings("unchecked")
    Model<Label> lm = (Model<Label>) m;
    java.util.Set<String> known = new java.util.HashSet<>(state.columns());
    for (var f : lm.getFeatureIDMap()) {
      if (!known.contains(f.getName())) {
        throw new IOException(
            MODEL_FILE
                + " uses feature \""
                + f.getName()
                + "\" that "
                + STATE_FILE
                + " does not list");
      }
    }
    if (state.columns().size() != columnNames(state.schema()).size()) {
      throw new IOException(
          STATE_FILE
              + " lists "
              + state.columns().size()
              + " columns, schema "
              + state.schema().name()
              + " needs "
              + columnNames(state.schema()).size());
    }
    return new RandomForestModel(state, lm);
  }
}
