package io.augur.chaos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FailurePrediction;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading the CLI's input files. */
final class Inputs {
  private static final ObjectMapper JSON = Wire.RECORDS;

  private Inputs() {}

  /** One {@link FailurePrediction} per line, as Jackson writes the record; blank lines skipped. */
  static List<FailurePrediction> predictions(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read predictions " + file, e);
    }
    List<FailurePrediction> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        out.add(JSON.readValue(lines.get(i), FailurePrediction.class));
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + " is not a prediction: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Outcomes from the log (absent file: none); warns about skipped lines. */
  static List<ExperimentOutcome> outcomes(Path file, PrintWriter err) {
    if (file == null) {
      return List.of();
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("outcomes file " + file + " does not exist");
    }
    OutcomeLog.Contents c = new OutcomeLog(file).read();
    if (!c.skippedLines().isEmpty()) {
      err.println("warning: skipped unreadable lines " + c.skippedLines() + " of " + file);
    }
    return c.outcomes();
  }
}
