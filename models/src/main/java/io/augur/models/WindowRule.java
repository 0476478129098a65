package io.augur.models;

import io.augur.domain.FeatureVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of a component's window, shared by serving (the job's window operator) and
 * training (every training-set builder): the last {@code steps} feature vectors of a component,
 * consecutive steps of one schema. Feature vectors are step-aligned (the feature core emits one at
 * each step's end), so "consecutive" means exactly one step apart; a gap of more than one step, or
 * a schema change, starts the history afresh, so a window never spans one.
 *
 * <p>Serving emits a window at every vector ({@link #append}), shorter ones too while a component's
 * history fills; training takes only full windows ({@link #fullEndingAt}). A full window serving
 * emits at a vector is exactly the one training takes there ({@code WindowRuleParityTest}).
 */
public record WindowRule(int steps, long stepMs) implements java.io.Serializable {
  public WindowRule {
    if (steps < 1 || stepMs < 1) {
      throw new IllegalArgumentException(
          "steps and stepMs must be >= 1, got " + steps + ", " + stepMs);
    }
  }

  /**
   * The history once {@code v} has arrived after {@code history} (oldest first, as this method
   * returned it last time), or null when {@code v} is not newer than the latest vector (a replayed
   * or out-of-order vector: its window was already emitted). The window to emit is {@link
   * ComponentWindow#of} the result.
   */
  public List<FeatureVector> append(List<FeatureVector> history, FeatureVector v) {
    List<FeatureVector> recent = new ArrayList<>(history);
    if (!recent.isEmpty()) {
      FeatureVector last = recent.get(recent.size() - 1);
      if (v.timestampMs() <= last.timestampMs()) {
        return null;
      }
      if (v.timestampMs() - last.timestampMs() > stepMs
          || !recent.get(0).schema().equals(v.schema())) {
        recent.clear();
      }
    }
    recent.add(v);
    if (recent.size() > steps) {
      recent = new ArrayList<>(recent.subList(recent.size() - steps, recent.size()));
    }
    return recent;
  }

  /**
   * The full window ending at {@code vs.get(end - 1)} ({@code vs} one component's vectors in time
   * order), or null when the {@code steps} vectors before {@code end} are not consecutive steps of
   * one schema (or there are fewer).
   */
  public ComponentWindow fullEndingAt(List<FeatureVector> vs, int end) {
    if (end < steps || end > vs.size()) {
      return null;
    }
    List<FeatureVector> recent = vs.subList(end - steps, end);
    for (int i = 1; i < recent.size(); i++) {
      FeatureVector prev = recent.get(i - 1);
      FeatureVector v = recent.get(i);
      if (v.timestampMs() - prev.timestampMs() != stepMs || !v.schema().equals(prev.schema())) {
        return null;
      }
    }
    return ComponentWindow.of(recent);
  }
}
