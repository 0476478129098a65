package io.augur.models.ensemble;

import io.augur.domain.Checks;
import io.augur.domain.Contribution;
import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureSchema;
import io.augur.domain.Severity;
import io.augur.models.Calibration;
import io.augur.models.ComponentWindow;
import io.augur.models.FailureModel;
import io.augur.models.LogisticRegression;
import io.augur.models.ModelScore;
import io.augur.models.Standardizer;
import io.augur.models.WindowSummary;
import io.augur.models.Windows;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained, immutable ensemble. {@link #predict} scores a batch of windows with every member
 * present, combines their calibrated probabilities with the stacked combiner chosen for exactly
 * those members (see {@link Combiner}), and explains the result. Thread-safe: members and combiner
 * are immutable, so one instance may serve several threads (or each operator instance may load its
 * own).
 *
 * <p>Below the medium threshold a prediction carries its probability, parts and contributing
 * features, but no failure time, mode or actions (they are worked out only for alerts).
 */
public final class Ensemble {

  private final FeatureSchema schema;
  private final Map<String, FailureModel> members;
  private final Combiner combiner;
  private final Standardizer summaryNormal;
  private final int summarySteps;
  private final FailureLimits limits;
  private final ModeClassifier modes;
  private final EnsembleConfig config;
  private final String version;
  private final String trainingFingerprint;
  private final Map<String, Double> validation;
  private final LogisticRegression stack;
  private final int[] stacked; // indices (in member order) of the members the chosen combiner reads
  private final Calibration output; // the chosen combiner's output calibration (identity when none)

  public Ensemble(
      FeatureSchema schema,
      Collection<? extends FailureModel> members,
      Combiner combiner,
      Standardizer summaryNormal,
      int summarySteps,
      FailureLimits limits,
      ModeClassifier modes,
      EnsembleConfig config,
      String version,
      String trainingFingerprint,
      Map<String, Double> validation) {
    this.schema = Checks.nonNull("schema", schema);
    Checks.noNullElements("members", members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must hold at least one model");
    }
    Map<String, FailureModel> sorted = new TreeMap<>();
    for (FailureModel m : members) {
      schema.requireSame(m.schema());
      if (sorted.put(m.name(), m) != null) {
        throw new IllegalArgumentException("members: duplicate model \"" + m.name() + "\"");
      }
    }
    this.members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    this.combiner = Checks.nonNull("combiner", combiner);
    String chosen = combiner.chosen(Combiner.key(List.copyOf(sorted.keySet())));
    this.stack = combiner.forSubset(chosen);
    this.output = combiner.output(chosen);
    List<String> chosenNames = List.of(chosen.split("\\+"));
    List<String> names = List.copyOf(sorted.keySet());
    this.stacked = chosenNames.stream().mapToInt(names::indexOf).toArray();
    this.summaryNormal = Checks.nonNull("summaryNormal", summaryNormal);
    if (summaryNormal.size() != WindowSummary.width(schema)) {
      throw new IllegalArgumentException(
          "summaryNormal has "
              + summaryNormal.size()
              + " columns, schema needs "
              + WindowSummary.width(schema));
    }
    this.summarySteps = summarySteps;
    this.limits = Checks.nonNull("limits", limits);
    this.modes = Checks.nonNull("modes", modes);
    this.config = Checks.nonNull("config", config);
    this.version = Checks.nonBlank("version", version);
    this.trainingFingerprint = Checks.nonBlank("trainingFingerprint", trainingFingerprint);
    this.validation =
        Map.copyOf(Checks.noNullEntries("validation", validation == null ? Map.of() : validation));
  }

  /** This ensemble without member {@code name} (as if it had never been trained). */
  public Ensemble without(String name) {
    if (!members.containsKey(name)) {
      throw new IllegalArgumentException(
          "name: no member \"" + name + "\"; members are " + members.keySet());
    }
    List<FailureModel> rest = new ArrayList<>(members.values());
    rest.removeIf(m -> m.name().equals(name));
    return new Ensemble(
        schema,
        rest,
        combiner,
        summaryNormal,
        summarySteps,
        limits,
        modes,
        config,
        version,
        trainingFingerprint,
        validation);
  }

  /** This ensemble with other thresholds, limits or horizon. */
  public Ensemble withConfig(EnsembleConfig c) {
    FailureLimits l =
        c.limits().equals(config.limits()) ? limits : limits.withConfigured(schema, c.limits());
    return new Ensemble(
        schema,
        members.values(),
        combiner,
        summaryNormal,
        summarySteps,
        l,
        modes,
        c,
        version,
        trainingFingerprint,
        validation);
  }

  /** Calibrated probabilities only (what the benchmark and the calibration checks read). */
  public double[] probabilities(List<ComponentWindow> windows) {
    Windows.requireSchema(schema, windows);
    List<List<ModelScore>> scores = scoreMembers(windows);
    double[] out = new double[windows.size()];
    double[] x = new double[stacked.length];
    for (int i = 0; i < out.length; i++) {
      for (int k = 0; k < x.length; k++) {
        x[k] = LogisticRegression.logit(scores.get(stacked[k]).get(i).probability());
      }
      out[i] = output.apply(stack.predict(x));
    }
    return out;
  }

  private List<List<ModelScore>> scoreMembers(List<ComponentWindow> windows) {
    List<List<ModelScore>> scores = new ArrayList<>(members.size());
    for (FailureModel m : members.values()) {
      scores.add(m.scoreBatch(windows));
    }
    return scores;
  }

  /** One prediction per window, in order. */
  public List<FailurePrediction> predict(List<ComponentWindow> windows) {
    Windows.requireSchema(schema, windows);
    List<List<ModelScore>> scores = scoreMembers(windows);
    List<String> names = List.copyOf(members.keySet());
    double[] coef = stack.weights();
    int d = schema.size();
    List<Draft> drafts = new ArrayList<>(windows.size());
    double[] x = new double[stacked.length];
    for (int i = 0; i < windows.size(); i++) {
      ComponentWindow w = windows.get(i);
      Map<String, Double> parts = new HashMap<>();
      double[] shares = new double[d];
      double coefSum = 0;
      for (int m = 0; m < names.size(); m++) {
        parts.put(names.get(m), scores.get(m).get(i).probability());
      }
      for (int k = 0; k < stacked.length; k++) {
        ModelScore s = scores.get(stacked[k]).get(i);
        x[k] = LogisticRegression.logit(s.probability());
        double c = Math.max(0, coef[k + 1]);
        coefSum += c;
        if (s.probability() > 0 && c > 0) {
          double[] contrib = s.contributions();
          for (int j = 0; j < d; j++) {
            shares[j] += c * contrib[j] / s.probability();
          }
        }
      }
      double p = output.apply(stack.predict(x));
      for (int j = 0; j < d; j++) {
        shares[j] = coefSum > 0 ? p * shares[j] / coefSum : 0;
      }
      drafts.add(explain(w, p, parts, shares));
    }
    return finish(drafts);
  }

  private record Draft(
      ComponentWindow window,
      double p,
      Severity severity,
      Map<String, Double> parts,
      List<Contribution> top,
      Long failureMs,
      String mode) {}

  private Draft explain(ComponentWindow w, double p, Map<String, Double> parts, double[] shares) {
    Severity sev = config.severity(p);
    int[] order = topIndices(shares, config.topFeatures());
    List<Contribution> top = new ArrayList<>(order.length);
    for (int j : order) {
      top.add(new Contribution(schema.features().get(j), shares[j]));
    }
    Long failureMs = null;
    String mode = "unknown";
    if (sev != Severity.NONE) {
      long maxAhead = 4 * config.horizonMs();
      double[] row = WindowSummary.row(w, summarySteps);
      mode = modes.classify(row, summaryNormal);
      Long eta =
          modes.remainingMs(row, summaryNormal, mode); // learned per mode; null in older bundles
      if (eta != null) {
        failureMs = w.timestampMs() + Math.min(eta, maxAhead);
      }
      for (int j : eta != null ? new int[0] : order) {
        Long t = limits.crossingMs(w, j, maxAhead);
        if (t != null && (failureMs == null || t < failureMs)) {
          failureMs = t;
        }
      }
      if (failureMs == null) {
        failureMs = w.timestampMs() + (long) (config.horizonMs() * (1 - p)); // the horizon estimate
      }
    }
    return new Draft(w, p, sev, parts, top, failureMs, mode);
  }

  private List<FailurePrediction> finish(List<Draft> drafts) {
    Map<String, List<String>> groups = new HashMap<>();
    for (Draft dr : drafts) {
      if (dr.severity() != Severity.NONE) {
        groups.computeIfAbsent(groupKey(dr), k -> new ArrayList<>()).add(dr.window().component());
      }
    }
    List<FailurePrediction> out = new ArrayList<>(drafts.size());
    for (Draft dr : drafts) {
      ComponentWindow w = dr.window();
      List<String> affected =
          dr.severity() == Severity.NONE
              ? List.of(w.component())
              : affected(w.component(), groups.get(groupKey(dr)));
      List<String> actions =
          dr.severity() == Severity.NONE ? List.of() : FailureModeActions.actionsFor(dr.mode());
      out.add(
          new FailurePrediction(
              w.component(),
              w.labels(),
              w.timestampMs(),
              dr.p(),
              dr.severity(),
              dr.failureMs(),
              affected,
              dr.mode(),
              actions,
              dr.top(),
              dr.parts(),
              version));
    }
    return out;
  }

  /**
   * Alerts in one batch that share a namespace and a failure mode are reported as affecting each
   * other.
   */
  private static String groupKey(Draft dr) {
    return dr.window().labels().getOrDefault("namespace", "") + "|" + dr.mode();
  }

  private static List<String> affected(String self, List<String> group) {
    List<String> out = new ArrayList<>();
    out.add(self);
    for (String c : group) { // stop at 20: a batch with many alerts would otherwise cost n^2
      if (out.size() >= 20) {
        break;
      }
      if (!c.equals(self)) {
        out.add(c);
      }
    }
    return out;
  }

  private static int[] topIndices(double[] v, int k) {
    int n = Math.min(k, v.length);
    int[] idx = new int[n];
    boolean[] used = new boolean[v.length];
    int found = 0;
    for (int t = 0; t < n; t++) {
      int best = -1;
      for (int j = 0; j < v.length; j++) {
        if (!used[j] && v[j] > 0 && (best < 0 || v[j] > v[best])) {
          best = j;
        }
      }
      if (best < 0) {
        break;
      }
      used[best] = true;
      idx[found++] = best;
    }
    return java.util.Arrays.copyOf(idx, found);
  }

  public FeatureSchema schema() {
    return schema;
  }

  public Map<String, FailureModel> members() {
    return members;
  }

  public Combiner combiner() {
    return combiner;
  }

  public Standardizer summaryNormal() {
    return summaryNormal;
  }

  public int summarySteps() {
    return summarySteps;
  }

  public FailureLimits limits() {
    return limits;
  }

  public ModeClassifier modes() {
    return modes;
  }

  public EnsembleConfig config() {
    return config;
  }

  public String version() {
    return version;
  }

  public String trainingFingerprint() {
    return trainingFingerprint;
  }

  /** Validation metrics of the ensemble on held-out data (auc, brier, counts). */
  public Map<String, Double> validation() {
    return validation;
  }

  /**
   * The longest window any member reads: how many recent vectors a caller should keep per
   * component.
   */
  public int windowSteps() {
    int s = summarySteps;
    for (FailureModel m : members.values()) {
      s = Math.max(s, m.windowSteps());
    }
    return s;
  }
}
