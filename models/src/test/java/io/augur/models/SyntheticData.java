package io.augur.models;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.models.inject.FaultInjector;
import io.augur.models.inject.FaultKind;
import io.augur.models.inject.SyntheticHistory;
import io.augur.models.inject.SyntheticTrainingSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded synthetic training and test sets: normal history per component, half the components with
 * one injected fault, cut into labelled windows.
 */
public final class SyntheticData {

  public static final int FEATURES = 8;
  public static final int STEPS = 8;
  public static final FeatureSchema SCHEMA = SyntheticHistory.schema(FEATURES);

  private SyntheticData() {}

  /**
   * Labelled windows from {@code components} series of {@code length} steps; every other one
   * faulty.
   */
  public static TrainingSet set(
      long seed, int components, int length, int normalHistoryComponents) {
    return SyntheticTrainingSet.build(
        SCHEMA, seed, components, length, normalHistoryComponents, STEPS, 16);
  }

  /** Like {@link #set} but every faulty component gets a fault of one of {@code kinds}. */
  public static TrainingSet setOfKinds(
      long seed, int components, int length, List<FaultKind> kinds) {
    SyntheticHistory h = new SyntheticHistory(SCHEMA, seed);
    FaultInjector inj = new FaultInjector(seed + 17);
    List<LabelledWindow> labelled = new ArrayList<>();
    for (int c = 0; c < components; c++) {
      List<FeatureVector> s = h.series(c, length, 1_000_000L, 15_000);
      if (c % 2 == 0) {
        FaultKind k = kinds.get((c / 2) % kinds.size());
        labelled.addAll(
            FaultInjector.labelledWindows(
                inj.inject(s, k, length / 4 + (c * 7) % (length / 2)), STEPS, 1, 16, 6));
      } else {
        FaultInjector.windows(s, STEPS, 4).forEach(w -> labelled.add(LabelledWindow.normal(w)));
      }
    }
    return new TrainingSet(SCHEMA, labelled, List.of());
  }

  public static List<ComponentWindow> windows(TrainingSet t) {
    return t.labelled().stream().map(LabelledWindow::window).toList();
  }

  public static boolean[] labels(TrainingSet t) {
    boolean[] y = new boolean[t.labelled().size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = t.labelled().get(i).failing();
    }
    return y;
  }

  public static List<ComponentWindow> normalWindows(TrainingSet t) {
    List<ComponentWindow> out = new ArrayList<>(t.normalHistory());
    t.labelled().stream().filter(l -> !l.failing()).forEach(l -> out.add(l.window()));
    return out;
  }
}
