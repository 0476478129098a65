package io.augur.models.ensemble;

import io.augur.models.LabelledWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded three-way split of labelled windows by component, stratified: components with failing
 * windows and components without are shuffled apart and dealt 40/40/20 (train / calibration / validation: the stacker and the calibrations need the data more than the members do), so no component's windows
 * land on both sides of a split (its neighbouring windows would leak otherwise).
 */
record Split(List<LabelledWindow> train, List<LabelledWindow> calibration, List<LabelledWindow> validation) {

  static Split of(List<LabelledWindow> labelled, long seed) {
    Map<String, List<LabelledWindow>> byComponent = new LinkedHashMap<>();
    for (LabelledWindow l : labelled) {
      byComponent.computeIfAbsent(l.window().component(), k -> new ArrayList<>()).add(l);
    }
    List<String> failing = new ArrayList<>();
    List<String> normal = new ArrayList<>();
    byComponent.forEach((c, ls) -> (ls.stream().anyMatch(LabelledWindow::failing) ? failing : normal).add(c));
    Random r = new Random(seed);
    Collections.shuffle(failing, r);
    Collections.shuffle(normal, r);
    List<LabelledWindow> train = new ArrayList<>();
    List<LabelledWindow> cal = new ArrayList<>();
    List<LabelledWindow> val = new ArrayList<>();
    for (List<String> group : List.of(failing, normal)) {
      int n = group.size();
      int nCal = Math.max(n >= 3 ? 1 : 0, (int) Math.round(n * 0.4));
      int nVal = Math.max(n >= 3 ? 1 : 0, (int) Math.round(n * 0.2));
      for (int i = 0; i < n; i++) {
        List<LabelledWindow> target = i < nCal ? cal : i < nCal + nVal ? val : train;
        target.addAll(byComponent.get(group.get(i)));
      }
    }
    return new Split(train, cal, val);
  }
}
