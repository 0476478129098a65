package io.augur.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Draws when and where failures happen: one per service at most, every mode used before any
 * repeats.
 */
final class FailureSchedule {
  private FailureSchedule() {}

  static List<InjectedFailure> draw(FleetConfig c, List<DemoFleet.Service> services) {
    Random r = new Random(c.seed() * 31 + 7);
    List<DemoFleet.Service> pool = new ArrayList<>(services);
    Collections.shuffle(pool, r);
    List<FailureMode> modes = new ArrayList<>();
    while (modes.size() < c.failures()) {
      List<FailureMode> round = new ArrayList<>(List.of(FailureMode.values()));
      Collections.shuffle(round, r);
      modes.addAll(round);
    }
    long minute = 60_000;
    List<InjectedFailure> out = new ArrayList<>();
    for (int i = 0; i < c.failures(); i++) {
      FailureMode mode = modes.get(i);
      long ramp = rampMinutes(mode, r) * minute;
      long down = (2 + r.nextInt(4)) * minute;
      long earliest = c.startMs() + Math.max(c.spanMs() / 8, 30 * minute);
      long latest = c.startMs() + c.spanMs() - ramp - down - 10 * minute;
      if (latest <= earliest) {
        throw new IllegalArgumentException(
            "the simulated span ("
                + c.spanMs() / minute
                + " min) is too short for a "
                + mode.id()
                + " failure");
      }
      long onset = earliest + (long) (r.nextDouble() * (latest - earliest));
      onset -= onset % c.stepMs();
      out.add(
          new InjectedFailure(
              pool.get(i).component(), mode, onset, onset + ramp, onset + ramp + down));
    }
    out.sort(Comparator.comparingLong(InjectedFailure::onsetMs));
    return out;
  }

  private static long rampMinutes(FailureMode m, Random r) {
    return switch (m) {
      case MEMORY_LEAK -> 45 + r.nextInt(46);
      case CPU_SATURATION -> 15 + r.nextInt(16);
      case DISK_FILL -> 40 + r.nextInt(41);
      case LATENCY_CREEP -> 20 + r.nextInt(21);
      case ERROR_RATE_BURST -> 10 + r.nextInt(11);
      case CONNECTION_POOL_EXHAUSTION -> 15 + r.nextInt(16);
    };
  }
}
