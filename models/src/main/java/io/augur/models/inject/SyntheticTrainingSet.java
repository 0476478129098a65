package io.augur.models.inject;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.TrainingSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled training set made from normal history alone: every other component gets one injected
 * fault ({@link FaultInjector}), the kinds taken in turn so every set holds an even mix, at a
 * random onset; windows of {@code steps} vectors are labelled failing from 6 faulty steps until
 * {@code horizonSteps} after the onset. Reproducible by seed.
 */
public final class SyntheticTrainingSet {

  private SyntheticTrainingSet() {}

  /**
   * @param components how many labelled components (half of them faulty)
   * @param length steps of history per component
   * @param normalComponents how many more components give unlabelled normal history
   */
  public static TrainingSet build(
      FeatureSchema schema,
      long seed,
      int components,
      int length,
      int normalComponents,
      int steps,
      int horizonSteps) {
    if (components < 6) {
      throw new IllegalArgumentException(
          "components must be >= 6 (3 faulty, 3 normal for a split), got " + components);
    }
    if (length < 4 * steps) {
      throw new IllegalArgumentException(
          "length must be >= 4 x steps = " + 4 * steps + ", got " + length);
    }
    SyntheticHistory h = new SyntheticHistory(schema, seed);
    FaultInjector inj = new FaultInjector(seed + 17);
    List<LabelledWindow> labelled = new ArrayList<>();
    for (int c = 0; c < components; c++) {
      List<FeatureVector> s = h.series(c, length, 1_000_000L, 15_000);
      if (c % 2 == 0) {
        FaultKind kind =
            FaultKind.values()[(c / 2) % FaultKind.values().length]; // an even mix of kinds
        int onset = length / 4 + inj.nextInt(Math.max(1, length / 2));
        labelled.addAll(
            FaultInjector.labelledWindows(
                inj.inject(s, kind, onset), steps, 1, horizonSteps, Math.min(6, steps)));
      } else {
        FaultInjector.windows(s, steps, 4).forEach(w -> labelled.add(LabelledWindow.normal(w)));
      }
    }
    List<ComponentWindow> normal = new ArrayList<>();
    for (int c = 0; c < normalComponents; c++) {
      normal.addAll(
          FaultInjector.windows(h.series(100_000 + c, length, 1_000_000L, 15_000), steps, 3));
    }
    return new TrainingSet(schema, labelled, normal);
  }
}
