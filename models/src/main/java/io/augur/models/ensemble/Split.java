package io.augur.models.ensemble;

import io.augur.models.LabelledWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded split of labelled windows by component, stratified: components with failing windows and
 * components without are shuffled apart; a fifth of each goes to validation (only measured), the
 * rest is dealt round-robin into {@code k} cross-fitting folds. No component's windows land on two
 * sides (its neighbouring windows would leak otherwise).
 *
 * @param validation held out from everything but the recorded validation metrics
 * @param folds the development data in {@code k} component-disjoint folds
 */
record Split(List<LabelledWindow> validation, List<List<LabelledWindow>> folds) {

  static Split of(List<LabelledWindow> labelled, long seed, int k) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be >= 2 folds, got " + k);
    }
    Map<String, List<LabelledWindow>> byComponent = new LinkedHashMap<>();
    for (LabelledWindow l : labelled) {
      byComponent.computeIfAbsent(l.window().component(), c -> new ArrayList<>()).add(l);
    }
    List<String> failing = new ArrayList<>();
    List<String> normal = new ArrayList<>();
    byComponent.forEach(
        (c, ls) -> (ls.stream().anyMatch(LabelledWindow::failing) ? failing : normal).add(c));
    Random r = new Random(seed);
    Collections.shuffle(failing, r);
    Collections.shuffle(normal, r);
    List<LabelledWindow> val = new ArrayList<>();
    List<List<LabelledWindow>> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      folds.add(new ArrayList<>());
    }
    int dealt = 0;
    for (List<String> group : List.of(failing, normal)) {
      int n = group.size();
      int nVal = Math.max(n >= 3 ? 1 : 0, (int) Math.round(n * 0.2));
      for (int i = 0; i < n; i++) {
        List<LabelledWindow> ws = byComponent.get(group.get(i));
        if (i < nVal) {
          val.addAll(ws);
        } else {
          folds
              .get(dealt++ % k)
              .addAll(ws); // continuing the count keeps fold sizes even across groups
        }
      }
    }
    return new Split(val, folds);
  }

  /** All development windows (every fold), in fold order. */
  List<LabelledWindow> development() {
    List<LabelledWindow> out = new ArrayList<>();
    folds.forEach(out::addAll);
    return out;
  }

  /** The development windows outside fold {@code f}: what fold {@code f}'s members train on. */
  List<LabelledWindow> allBut(int f) {
    List<LabelledWindow> out = new ArrayList<>();
    for (int i = 0; i < folds.size(); i++) {
      if (i != f) {
        out.addAll(folds.get(i));
      }
    }
    return out;
  }
}
