package io.augur.models;

import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import java.util.List;
import java.util.Map;

/**
 * A short window of one component's most recent feature vectors, oldest first. The LSTM reads the
 * last N steps; the forests read the latest vector plus simple summaries of the window (see {@link
 * WindowSummary}). All vectors share one schema and their timestamps strictly increase.
 */
public record ComponentWindow(
    String component, Map<String, String> labels, List<FeatureVector> recent) {

  public ComponentWindow {
    Checks.nonBlank("component", component);
    labels = Map.copyOf(Checks.noNullEntries("labels", labels == null ? Map.of() : labels));
    Checks.noNullElements("recent", recent);
    if (recent.isEmpty()) {
      throw new IllegalArgumentException(
          "recent must hold at least one vector (component " + component + ")");
    }
    recent = List.copyOf(recent);
    FeatureSchema schema = recent.get(0).schema();
    for (int i = 1; i < recent.size(); i++) {
      FeatureVector v = recent.get(i);
      if (!v.schema().equals(schema)) {
        throw new IllegalArgumentException(
            "recent["
                + i
                + "] has schema "
                + v.schema().name()
                + " v"
                + v.schema().version()
                + ", expected "
                + schema.name()
                + " v"
                + schema.version());
      }
      if (v.timestampMs() <= recent.get(i - 1).timestampMs()) {
        throw new IllegalArgumentException(
            "recent["
                + i
                + "].timestampMs must increase, got "
                + v.timestampMs()
                + " after "
                + recent.get(i - 1).timestampMs());
      }
    }
  }

  /** A window whose labels are those of its latest vector. */
  public static ComponentWindow of(List<FeatureVector> recent) {
    Checks.noNullElements("recent", recent);
    if (recent.isEmpty()) {
      throw new IllegalArgumentException("recent must hold at least one vector");
    }
    FeatureVector last = recent.get(recent.size() - 1);
    return new ComponentWindow(last.component(), last.componentLabels(), recent);
  }

  public FeatureSchema schema() {
    return recent.get(0).schema();
  }

  public FeatureVector latest() {
    return recent.get(recent.size() - 1);
  }

  public long timestampMs() {
    return latest().timestampMs();
  }

  public int size() {
    return recent.size();
  }
}
