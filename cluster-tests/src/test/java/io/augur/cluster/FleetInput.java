package io.augur.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A fixed input for the cluster tests: adapter-JSON samples of {@code components} services (labels
 * {@code job}, {@code instance}: the job's default component), one CPU sample each per 15 s step,
 * quiet noise around 0.3 and staggered bursts to 0.92 that the job's scorer alerts on and resolves,
 * with a malformed record of three kinds every {@value #BAD_EVERY} records (dead letters). Seeded:
 * the same records in the same order every time, so a run's alerts can be compared exactly with a
 * reference run's.
 */
public final class FleetInput {
  static final int BAD_EVERY = 400;
  static final long STEP_MS = 15_000;
  static final long START_MS = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();

  private final List<List<String>> steps = new ArrayList<>();
  private int bad;
  private int total;

  /** {@code components} services over {@code steps} steps (a burst of 30 steps every 120). */
  public FleetInput(int components, int stepCount) {
    Random r = new Random(19);
    for (int s = 0; s < stepCount; s++) {
      List<String> step = new ArrayList<>();
      long ts = START_MS + s * STEP_MS;
      for (int c = 0; c < components; c++) {
        int phase = Math.floorMod(s - 60 - c * (120 / components), 120);
        boolean burst = s >= 60 && phase < 30;
        double v = (burst ? 0.92 : 0.30) + (r.nextDouble() - 0.5) * 0.04;
        step.add(sample(ts, String.format(Locale.ROOT, "svc-%02d", c), v));
        total++;
        if (total % BAD_EVERY == 0) {
          step.add(malformed(bad++, ts));
          total++;
        }
      }
      steps.add(List.copyOf(step));
    }
  }

  private static String sample(long ts, String instance, double value) {
    return "{\"timestamp\":\""
        + Instant.ofEpochMilli(ts)
        + "\",\"value\":\""
        + String.format(Locale.ROOT, "%.4f", value)
        + "\",\"name\":\"process_cpu_usage_ratio\",\"labels\":{\"job\":\"shop\",\"instance\":\""
        + instance
        + "\"}}";
  }

  private static String malformed(int i, long ts) {
    return switch (i % 3) {
      case 0 -> "{\"timestamp\":\"" + Instant.ofEpochMilli(ts) + "\",\"value\":"; // cut short
      case 1 ->
          "{\"timestamp\":\""
              + Instant.ofEpochMilli(ts)
              + "\",\"value\":\"0.3\",\"name\":\"process_cpu_usage_ratio\",\"labels\":{},\"extra\":1}";
      default -> "not json at all " + i;
    };
  }

  public int stepCount() {
    return steps.size();
  }

  /** The records of step {@code s}, in order. */
  public List<String> step(int s) {
    return steps.get(s);
  }

  /** Every record, in order. */
  public List<String> all() {
    List<String> out = new ArrayList<>();
    steps.forEach(out::addAll);
    return out;
  }

  /** Records of steps [from, to). */
  public List<String> steps(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int s = from; s < to; s++) {
      out.addAll(steps.get(s));
    }
    return out;
  }

  /** Malformed records among them (each must become one dead letter). */
  public int malformed() {
    return bad;
  }

  public int size() {
    return total;
  }
}
