package io.augur.training.sources;

import io.augur.domain.Checks;
import io.augur.features.FeatureConfig;
import java.util.List;

/**
 * What a {@link TrainingSource} read: the feature configuration the job must run for these metrics
 * (its schema is the bundle's), and every component's raw history.
 *
 * @param source the source's name ({@code nab}, {@code smd}, {@code demo}, {@code prometheus})
 * @param features metrics, counters, step, window and component labels of the feature layer
 * @param components the histories, in a stable order
 * @param description one line for the summary (files, machines, range)
 * @param completeLabels true when every window outside the labelled spans is known to be normal
 *     (the demo fleet); false when such windows are unlabelled history assumed normal
 */
public record SourceHistory(
    String source,
    FeatureConfig features,
    List<ComponentHistory> components,
    String description,
    boolean completeLabels) {
  /** Where the windows outside every labelled span count as normal. */
  public static final String ASSUMED_NORMAL = "history (assumed normal)";

  public SourceHistory {
    Checks.nonBlank("source", source);
    Checks.nonNull("features", features);
    components = List.copyOf(Checks.noNullElements("components", components));
    if (components.isEmpty()) {
      throw new IllegalArgumentException(
          source + ": no component history to train on (" + description + ")");
    }
    description = description == null ? "" : description;
  }

  /** Distinct component ids. */
  public long componentCount() {
    return components.stream().map(ComponentHistory::component).distinct().count();
  }

  /** The same history with other component histories (e.g. chaos labels added). */
  public SourceHistory withComponents(List<ComponentHistory> c) {
    return new SourceHistory(source, features, c, description, completeLabels);
  }

  public long samples() {
    return components.stream().mapToLong(ComponentHistory::samples).sum();
  }
}
