package io.augur.chaos.cli;

import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.InjectedFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Predictions for the demo fleet without a trained model: at the middle of the first injected
 * failure's warning window, a component in its warning window gets p = 0.3 + 0.65 x progress and
 * the injected failure mode, others p in [0.02, 0.15); three "model parts" scatter around p. For
 * demos of the planner only: these are simulated from the fleet's ground truth, not model output.
 */
final class DemoPredictions {
  private DemoPredictions() {}

  static long demoTime(DemoFleet fleet) {
    InjectedFailure first =
        fleet.failures().stream()
            .min(Comparator.comparingLong(InjectedFailure::onsetMs))
            .orElse(null);
    return first == null
        ? fleet.timeOf(fleet.steps() / 2)
        : (first.onsetMs() + first.failureMs()) / 2;
  }

  static List<FailurePrediction> at(DemoFleet fleet, long t, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed ^ t);
    List<FailurePrediction> out = new ArrayList<>();
    List<String> components = fleet.components();
    for (int i = 0; i < components.size(); i++) {
      String c = components.get(i);
      InjectedFailure f =
          fleet.failures().stream()
              .filter(x -> x.component().equals(c) && x.inWarningWindow(t))
              .findFirst()
              .orElse(null);
      double p =
          f == null ? 0.02 + rnd.nextDouble() * 0.13 : Math.min(0.95, 0.3 + 0.65 * f.progress(t));
      Map<String, Double> parts = new LinkedHashMap<>();
      for (String m : List.of("lstm", "isolation-forest", "random-forest")) {
        parts.put(m, Math.max(0.0, Math.min(1.0, p + rnd.nextGaussian() * 0.12)));
      }
      out.add(
          new FailurePrediction(
              c,
              fleet.labels(i),
              t,
              p,
              Severity.of(p),
              null,
              List.of(),
              f == null ? "unknown" : f.mode().id(),
              List.of(),
              List.of(),
              parts,
              "demo-simulated"));
    }
    return out;
  }

  static DemoFleet fleet(long seed) {
    return new DemoFleet(FleetConfig.demo(seed));
  }
}
