package io.augur.chaos.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
      line = Json.MAPPER.writeValueAsString(outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise outcome " + outcome.planId(), e);
    }
    try {
      DurableLines.append(file, line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append outcome " + outcome.planId() + " to " + file, e);
    }
  }

  /** Reads every outcome; an absent file is empty. */
  public Contents read() {
    if (!Files.exists(file)) {
      return new Contents(List.of(), List.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcomes " + file, e);
    }
    List<ExperimentOutcome> out = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.isEmpty()) {
        continue;
      }
      try {
        out.add(Json.MAPPER.readValue(l, ExperimentOutcome.class));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        skipped.add(i + 1);
      }
    }
    return new Contents(out, skipped);
  }
}
