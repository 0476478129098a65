package io.augur.chaos.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An append-only JSON-lines file of {@link ExperimentOutcome}s. Each append writes one line and
 * forces it to disk before returning. A crash can leave a torn last line: the next append starts a
 * fresh line after it, and {@link #read} skips lines that do not parse and reports their numbers.
 */
public final class OutcomeLog {
  private final Path file;

  public OutcomeLog(Path file) {
    this.file = Checks.nonNull("file", file);
  }

  public Path file() {
    return file;
  }

  /** What a read found: the outcomes in file order, and the 1-based numbers of lines it skipped. */
  public record Contents(List<ExperimentOutcome> outcomes, List<Integer> skippedLines) {
    public Contents {
      outcomes = List.copyOf(outcomes);
      skippedLines = List.copyOf(skippedLines);
    }
  }

  public synchronized void append(ExperimentOutcome outcome) {
    Checks.nonNull("outcome", outcome);
    String line;
    try {
      line = Wire.RECORDS.writeValueAsString(outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise outcome " + outcome.planId(), e);
    }
    try {
      JsonLines.append(file, line);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot append outcome " + outcome.planId() + " to " + file, e);
    }
  }

  /**
   * Reads every outcome; an absent file is empty. The file may also hold labelled windows ({@link
   * LabelLog}, e.g. operator verdicts): they are not outcomes and not counted as skipped.
   */
  public Contents read() {
    if (!Files.exists(file)) {
      return new Contents(List.of(), List.of());
    }
    LabelLog.Contents c = LabelLog.read(file);
    return new Contents(c.outcomes(), c.skippedLines());
  }
}
