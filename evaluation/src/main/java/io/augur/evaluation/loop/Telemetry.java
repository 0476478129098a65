package io.augur.evaluation.loop;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.sim.SimulatedFleet;
import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.fleet.FailureMode;
import io.augur.models.ComponentWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a {@link SimulatedFleet}'s services look like on a dashboard, one sample a minute: six
 * pressure signals per service (CPU, memory, disk, p99 latency, error rate, connection-pool use),
 * seeded, and the ground truth of the natural incidents in them. <b>The assumptions of the loop
 * simulation live here</b> (the report repeats them):
 *
 * <ol>
 *   <li>Each signal has a per-service level (a busy service runs hotter on every signal, whatever
 *       its fragility), a slow random wander and white noise.
 *   <li><b>Precursors.</b> A service fragile to a fault type shows short strain episodes (6-14
 *       minutes, a rise of 0.12-0.3 and back) in that type's signal (memory for memory-stress, pool
 *       use for replication-lag, ...: {@link #signalOf}), at {@code precursor x 3 x fragility}
 *       episodes per hour. This is what lets any predictor beat random; with {@code precursor = 0}
 *       fragility leaves no trace before a fault and nothing should beat random.
 *   <li><b>Natural incidents</b> happen on a (service, fault type) pair at {@code 0.05 x fragility}
 *       per hour: the signal ramps up by 0.8-1.2 over 20-40 minutes (the warning window, onset to
 *       failure), then errors jump by 0.5 for 8 minutes (the outage), then both recover.
 *   <li>An experiment shows on its target: the type's signal +0.08 while a withstood fault runs;
 *       the signal +0.4 and errors +0.5 while a breaching one does ({@link View#experiment}).
 * </ol>
 *
 * Fragility is read here only to generate the signals; the planner sees the signals (through the
 * ensemble) and never the fragility.
 */
public final class Telemetry {
  /** The six signals, in feature order. */
  public static final List<String> SIGNALS =
      List.of("cpu", "memory", "disk", "latency", "errors", "pool");

  static final int ERRORS = 4;

  /** The fault types the simulation targets, one per signal (and per failure mode). */
  public static final List<ExperimentType> TYPES =
      List.of(
          ExperimentType.CPU_SPIKE,
          ExperimentType.MEMORY_STRESS,
          ExperimentType.DISK_FAULT,
          ExperimentType.LATENCY_INJECTION,
          ExperimentType.DEPENDENCY_FAILURE,
          ExperimentType.REPLICATION_LAG);

  public static final FeatureSchema SCHEMA = schema();

  /** Vectors per model window. */
  public static final int WINDOW = 8;

  /** The first minute a full window (with its 10-minute spread) exists. */
  public static final int FIRST_MINUTE = 10 + WINDOW;

  static final double EPISODES_PER_HOUR = 3.0;
  static final double INCIDENTS_PER_HOUR = 0.05;
  static final int OUTAGE_MINUTES = 8;

  /** A natural incident: the warning window is [onsetMinute, failureMinute). */
  public record Incident(
      String service, ExperimentType type, int onsetMinute, int failureMinute, int endMinute) {
    public FailureMode mode() {
      return modeOf(type);
    }
  }

  private final SimulatedFleet fleet;
  private final long startMs;
  private final int minutes;
  private final Map<String, double[][]> base = new LinkedHashMap<>();
  private final List<Incident> incidents = new ArrayList<>();
  private final Map<String, Map<String, String>> labels = new HashMap<>();

  /**
   * @param startMs the wall-clock time of minute 0
   * @param minutes how many minutes to generate
   * @param precursor strength of the precursor episodes (1 = as stated, 0 = none)
   */
  public Telemetry(SimulatedFleet fleet, long startMs, int minutes, double precursor) {
    this.fleet = Checks.nonNull("fleet", fleet);
    Checks.nonNegative("startMs", startMs);
    if (minutes <= FIRST_MINUTE) {
      throw new IllegalArgumentException("minutes must be > " + FIRST_MINUTE + ", got " + minutes);
    }
    if (!(precursor >= 0) || Double.isInfinite(precursor)) {
      throw new IllegalArgumentException("precursor must be >= 0, got " + precursor);
    }
    this.startMs = startMs;
    this.minutes = minutes;
    SplittableRandom r = new SplittableRandom(fleet.seed() * 31 + 17);
    for (SimulatedFleet.Service s : fleet.services()) {
      double busy = r.nextDouble();
      double[][] x = new double[SIGNALS.size()][minutes];
      for (int m = 0; m < SIGNALS.size(); m++) {
        double level = 0.15 + 0.25 * r.nextDouble() + 0.3 * busy;
        double wander = 0;
        for (int t = 0; t < minutes; t++) {
          wander = 0.95 * wander + 0.01 * gaussian(r);
          x[m][t] = level + wander + 0.02 * gaussian(r);
        }
      }
      List<int[]> busyUntil = new ArrayList<>();
      for (int k = 0; k < TYPES.size(); k++) {
        ExperimentType type = TYPES.get(k);
        double f = fleet.fragility(s.name(), type.id());
        episodes(r, x[k], precursor * EPISODES_PER_HOUR * f);
        naturalIncidents(r, s.name(), type, x, k, INCIDENTS_PER_HOUR * f, busyUntil);
      }
      base.put(s.name(), x);
      Map<String, String> l = new LinkedHashMap<>();
      l.put("job", s.name());
      l.put("instance", s.name() + "-0");
      l.put("app", s.name());
      l.put("namespace", fleet.namespace());
      l.put("replicas", Integer.toString(s.replicas()));
      labels.put(s.name(), Collections.unmodifiableMap(l));
    }
    incidents.sort(
        java.util.Comparator.comparingInt(Incident::onsetMinute).thenComparing(Incident::service));
  }

  private void episodes(SplittableRandom r, double[] x, double perHour) {
    double perMinute = perHour / 60.0;
    for (int t = 0; t < minutes; t++) {
      if (perMinute > 0 && r.nextDouble() < perMinute) {
        int d = 6 + r.nextInt(9);
        double a = 0.12 + 0.18 * r.nextDouble();
        for (int i = 0; i < d && t + i < minutes; i++) {
          double phase = (i + 1.0) / (d + 1.0);
          x[t + i] += a * (1 - Math.abs(2 * phase - 1));
        }
        t += d;
      }
    }
  }

  private void naturalIncidents(
      SplittableRandom r,
      String service,
      ExperimentType type,
      double[][] x,
      int signal,
      double perHour,
      List<int[]> busyUntil) {
    double perMinute = perHour / 60.0;
    for (int t = FIRST_MINUTE; t < minutes; t++) {
      if (!(perMinute > 0 && r.nextDouble() < perMinute)) {
        continue;
      }
      int ramp = 20 + r.nextInt(21);
      int failure = t + ramp;
      int end = failure + OUTAGE_MINUTES + 2;
      if (end >= minutes) {
        return;
      }
      int onset = t;
      if (busyUntil.stream().anyMatch(b -> onset <= b[1] + 30 && b[0] <= end + 30)) {
        continue; // one incident at a time per service, with room to see each
      }
      busyUntil.add(new int[] {onset, end});
      double peak = 0.8 + 0.4 * r.nextDouble();
      for (int i = onset; i < failure; i++) {
        x[signal][i] += peak * (i - onset + 1.0) / ramp;
      }
      for (int i = failure; i < failure + OUTAGE_MINUTES; i++) {
        x[signal][i] += peak;
        x[ERRORS][i] += 0.5;
      }
      for (int i = failure + OUTAGE_MINUTES; i < end; i++) {
        x[signal][i] += peak * (end - i) / 3.0;
      }
      incidents.add(new Incident(service, type, onset, failure, end));
      t = end + 30;
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static FeatureSchema schema() {
    List<String> names = new ArrayList<>();
    for (String s : SIGNALS) {
      names.add(s);
      names.add(s + ":d5m");
      names.add(s + ":sd10m");
    }
    return new FeatureSchema("loop-sim", 1, names);
  }

  /** The signal a fault type stresses (and whose precursors it follows). */
  public static int signalOf(ExperimentType type) {
    int i = TYPES.indexOf(type);
    if (i < 0) {
      throw new IllegalArgumentException(
          "fault type " + type.id() + " is not simulated; use one of " + typeIds());
    }
    return i;
  }

  public static List<String> typeIds() {
    return TYPES.stream().map(ExperimentType::id).toList();
  }

  /**
   * The failure mode a fault type reproduces (the inverse of {@link
   * ExperimentType#forFailureMode}).
   */
  public static FailureMode modeOf(ExperimentType type) {
    return MODES[signalOf(type)];
  }

  private static final FailureMode[] MODES = {
    FailureMode.CPU_SATURATION,
    FailureMode.MEMORY_LEAK,
    FailureMode.DISK_FILL,
    FailureMode.LATENCY_CREEP,
    FailureMode.ERROR_RATE_BURST,
    FailureMode.CONNECTION_POOL_EXHAUSTION
  };

  public SimulatedFleet fleet() {
    return fleet;
  }

  public int minutes() {
    return minutes;
  }

  public long startMs() {
    return startMs;
  }

  public long msOf(int minute) {
    return startMs + minute * 60_000L;
  }

  /** The minute holding {@code ms} (floored). */
  public int minuteOf(long ms) {
    return (int) Math.floorDiv(ms - startMs, 60_000L);
  }

  /** The natural incidents, by onset. */
  public List<Incident> incidents() {
    return Collections.unmodifiableList(incidents);
  }

  public static String component(String service) {
    return service + "/" + service + "-0";
  }

  public static String serviceOf(String component) {
    return component.split("/", 2)[0];
  }

  /** The signals without any experiment in them. */
  public View view() {
    return new View();
  }

  /**
   * The signals as one strategy's run sees them: the natural ones plus the effect of its own
   * experiments. Not thread-safe.
   */
  public final class View {
    private final Map<String, double[][]> overlay = new HashMap<>();

    private View() {}

    /** Adds one experiment's visible effect on {@code service} for minutes [from, to]. */
    public void experiment(String service, ExperimentType type, int from, int to, boolean breach) {
      double[][] o = overlay.computeIfAbsent(service, k -> new double[SIGNALS.size()][minutes]);
      int signal = signalOf(type);
      for (int t = Math.max(0, from); t <= to && t < minutes; t++) {
        o[signal][t] += breach ? 0.4 : 0.08;
        if (breach) {
          o[ERRORS][t] += 0.5;
        }
      }
    }

    /** Signal {@code m} of {@code service} at {@code minute}. */
    public double value(String service, int m, int minute) {
      double[][] x = base.get(service);
      if (x == null) {
        throw new IllegalArgumentException("no service " + service + " in the simulated fleet");
      }
      double[][] o = overlay.get(service);
      return x[m][minute] + (o == null ? 0 : o[m][minute]);
    }

    /** The feature vector of {@code service} at {@code minute} (>= 10). */
    public FeatureVector vector(String service, int minute) {
      if (minute < 10 || minute >= minutes) {
        throw new IllegalArgumentException(
            "minute must be within [10, " + minutes + "), got " + minute);
      }
      double[] v = new double[SCHEMA.size()];
      for (int m = 0; m < SIGNALS.size(); m++) {
        double now = value(service, m, minute);
        double sum = 0;
        double sq = 0;
        for (int i = minute - 9; i <= minute; i++) {
          double y = value(service, m, i);
          sum += y;
          sq += y * y;
        }
        double mean = sum / 10;
        v[3 * m] = now;
        v[3 * m + 1] = now - value(service, m, minute - 5);
        v[3 * m + 2] = Math.sqrt(Math.max(0, sq / 10 - mean * mean));
      }
      return new FeatureVector(component(service), labels.get(service), msOf(minute), SCHEMA, v);
    }

    /** The model window of {@code service} ending at {@code minute} (>= {@link #FIRST_MINUTE}). */
    public ComponentWindow window(String service, int minute) {
      List<FeatureVector> vs = new ArrayList<>(WINDOW);
      for (int t = minute - WINDOW + 1; t <= minute; t++) {
        vs.add(vector(service, t));
      }
      return ComponentWindow.of(vs);
    }

    /**
     * The z-score of signal {@code m} of {@code service} at {@code minute} against its own last
     * hour (what a pressure heuristic computes).
     */
    public double zScore(String service, int m, int minute) {
      int from = Math.max(0, minute - 60);
      int n = minute - from;
      if (n < 2) {
        return 0;
      }
      double sum = 0;
      double sq = 0;
      for (int i = from; i < minute; i++) {
        double y = value(service, m, i);
        sum += y;
        sq += y * y;
      }
      double mean = sum / n;
      double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
      return (value(service, m, minute) - mean) / Math.max(sd, 0.01);
    }
  }
}
