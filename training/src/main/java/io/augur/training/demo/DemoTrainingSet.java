package io.augur.training.demo;

import io.augur.domain.FeatureVector;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.features.FleetFeatures;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.InjectedFailure;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.WindowRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labelled training windows from simulated fleets: the same features the job computes, cut into
 * windows of the last {@code windowSteps} vectors of a component.
 *
 * <p>Labels: a window is <b>failing</b> when its latest step lies in a labelled warning window
 * [onset, failure] of its component ("failure within the horizon"), with that failure's mode and
 * time; <b>normal</b> when it lies outside every incident and at least {@link #SETTLE_MS} after a
 * restart (a restarting service's windows are neither). Normal windows are taken every {@code
 * normalStride} steps, failing ones at every step.
 */
public final class DemoTrainingSet {
  /** How long after a restart windows are left out: the window still straddles the outage. */
  public static final long SETTLE_MS = 10 * 60_000;

  private DemoTrainingSet() {}

  /** Training fleets never share a seed with the demo's default (42) or the tests'. */
  public static List<FleetConfig> trainingFleets(int count, long baseSeed, long stepsPerFleet) {
    List<FleetConfig> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(FleetConfig.demo(baseSeed + i).withSteps(stepsPerFleet));
    }
    return out;
  }

  public static TrainingSet build(
      List<FleetConfig> fleets,
      FeatureConfig cfg,
      int windowSteps,
      int normalStride,
      ProgressListener progress) {
    if (windowSteps < 1 || normalStride < 1) {
      throw new IllegalArgumentException(
          "windowSteps and normalStride must be >= 1, got " + windowSteps + ", " + normalStride);
    }
    List<LabelledWindow> labelled = new ArrayList<>();
    int done = 0;
    for (FleetConfig fc : fleets) {
      progress.onProgress("features", done, fleets.size());
      DemoFleet fleet = new DemoFleet(fc);
      for (Map.Entry<String, List<FeatureVector>> e :
          FleetFeatures.vectors(fleet, cfg).entrySet()) {
        List<FeatureVector> vs = e.getValue();
        WindowRule rule = new WindowRule(windowSteps, cfg.stepMs());
        for (int end = windowSteps; end <= vs.size(); end++) {
          ComponentWindow window = rule.fullEndingAt(vs, end);
          if (window == null) {
            continue;
          }
          LabelledWindow w = label(fleet.failures(), e.getKey(), window.timestampMs(), window);
          if (w != null && (w.failing() || end % normalStride == 0)) {
            labelled.add(w);
          }
        }
      }
      done++;
    }
    progress.onProgress("features", done, fleets.size());
    return new TrainingSet(FeatureSchemas.of(cfg), labelled, List.of());
  }

  static LabelledWindow label(
      List<InjectedFailure> failures, String component, long t, ComponentWindow w) {
    for (InjectedFailure f : failures) {
      if (!f.component().equals(component)) {
        continue;
      }
      if (f.inWarningWindow(t)) {
        return LabelledWindow.failing(w, f.mode(), f.failureMs());
      }
      if (t > f.failureMs() && t < f.recoveredMs() + SETTLE_MS) {
        return null;
      }
    }
    return LabelledWindow.normal(w);
  }
}
