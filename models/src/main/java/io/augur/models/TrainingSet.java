package io.augur.models;

import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import java.util.List;

/**
 * What the ensemble trainer learns from: labelled windows ("failure within horizon H" against
 * normal) and, optionally, more unlabelled windows of normal history (the isolation forest and the
 * LSTM forecaster learn what normal looks like from them).
 */
public record TrainingSet(
    FeatureSchema schema, List<LabelledWindow> labelled, List<ComponentWindow> normalHistory) {
  public TrainingSet {
    Checks.nonNull("schema", schema);
    labelled = List.copyOf(Checks.noNullElements("labelled", labelled));
    normalHistory =
        List.copyOf(
            Checks.noNullElements(
                "normalHistory", normalHistory == null ? List.of() : normalHistory));
    for (int i = 0; i < labelled.size(); i++) {
      if (!labelled.get(i).window().schema().equals(schema)) {
        throw new IllegalArgumentException(
            "labelled["
                + i
                + "] has schema "
                + labelled.get(i).window().schema().name()
                + ", expected "
                + schema.name());
      }
    }
    for (int i = 0; i < normalHistory.size(); i++) {
      if (!normalHistory.get(i).schema().equals(schema)) {
        throw new IllegalArgumentException(
            "normalHistory["
                + i
                + "] has schema "
                + normalHistory.get(i).schema().name()
                + ", expected "
                + schema.name());
      }
    }
  }

  public long failingCount() {
    return labelled.stream().filter(LabelledWindow::failing).count();
  }
}
