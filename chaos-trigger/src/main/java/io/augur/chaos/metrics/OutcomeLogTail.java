package io.augur.chaos.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows the append-only outcome log ({@code io.augur.chaos.loop.OutcomeLog}): each {@link #read}
 * parses only the complete lines appended since the last one, so a scrape costs the new lines, not
 * the whole log. A line without its newline yet (an append in progress, or a torn one) waits for
 * the next read; a line that does not parse is counted as unreadable, as {@code OutcomeLog.read}
 * skips it. When the file is replaced (another file key) or shrinks, it is read again from the
 * start.
 */
public final class OutcomeLogTail {
  private static final ObjectMapper JSON = Wire.RECORDS;

  /** What the log holds now; {@code version} changes whenever the contents do. */
  public record Contents(List<ExperimentOutcome> outcomes, int unreadableLines, long version) {}

  private final Path file;
  private final List<ExperimentOutcome> outcomes = new ArrayList<>();
  private Object fileKey;
  private long offset;
  private int unreadable;
  private long bytesParsed;
  private long version;
  private List<ExperimentOutcome> snapshot = List.of();

  public OutcomeLogTail(Path file) {
    this.file = Checks.nonNull("file", file);
  }

  public synchronized Contents read() {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      reset(null);
      return contents();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcome log " + file, e);
    }
    Object key = attrs.fileKey() != null ? attrs.fileKey() : attrs.creationTime();
    if (!Objects.equals(key, fileKey) || attrs.size() < offset) {
      reset(key);
    }
    if (attrs.size() > offset) {
      consume(attrs.size());
    }
    return contents();
  }

  /**
   * Bytes parsed so far over the tail's life (a test sees that a scrape reads only what is new).
   */
  synchronized long bytesParsed() {
    return bytesParsed;
  }

  private void consume(long size) {
    byte[] chunk;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size - offset));
      long pos = offset;
      while (b.hasRemaining()) {
        int n = ch.read(b, pos);
        if (n < 0) {
          break;
        }
        pos += n;
      }
      chunk = java.util.Arrays.copyOf(b.array(), b.position());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outcome log " + file, e);
    }
    int start = 0;
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] == '\n') {
        line(new String(chunk, start, i - start, StandardCharsets.UTF_8).trim());
        start = i + 1;
      }
    }
    offset += start;
    bytesParsed += start;
    if (start > 0) {
      changed();
    }
  }

  private void line(String l) {
    if (l.isEmpty()) {
      return;
    }
    try {
      outcomes.add(JSON.readValue(l, ExperimentOutcome.class));
    } catch (IOException | IllegalArgumentException e) {
      unreadable++;
    }
  }

  private void reset(Object key) {
    boolean had = offset > 0 || !outcomes.isEmpty();
    fileKey = key;
    offset = 0;
    unreadable = 0;
    outcomes.clear();
    if (had) {
      changed();
    }
  }

  private void changed() {
    version++;
    snapshot = List.copyOf(outcomes);
  }

  private Contents contents() {
    return new Contents(snapshot, unreadable, version);
  }
}
