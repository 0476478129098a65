package io.augur.chaos.adaptive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.loop.JsonLines;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An append-only JSON-lines file of {@link Attempt}s, written and read as {@code OutcomeLog} is
 * ({@link JsonLines}): each append one line forced to disk; a torn line is skipped and its number
 * reported when read.
 */
public final class EffectivenessLog {
  static final ObjectMapper JSON = Wire.RECORDS;
  private final Path file;

  public EffectivenessLog(Path file) {
    this.file = Checks.nonNull("file", file);
  }

  public Path file() {
    return file;
  }

  /** The attempts in file order, and the 1-based numbers of lines that did not parse. */
  public record Contents(List<Attempt> attempts, List<Integer> skippedLines) {
    public Contents {
      attempts = List.copyOf(attempts);
      skippedLines = List.copyOf(skippedLines);
    }
  }

  public synchronized void append(Attempt a) {
    Checks.nonNull("attempt", a);
    String line;
    try {
      line = JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise attempt for " + a.failureId(), e);
    }
    try {
      JsonLines.append(file, line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append a recovery attempt to " + file, e);
    }
  }

  /** Reads every attempt; an absent file is empty. */
  public Contents read() {
    JsonLines.Contents<Attempt> c;
    try {
      c =
          JsonLines.read(
              file,
              l -> {
                try {
                  return JSON.readValue(l, Attempt.class);
                } catch (JsonProcessingException e) {
                  throw new IllegalArgumentException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the effectiveness log " + file, e);
    }
    return new Contents(c.values(), c.skippedLines());
  }
}
