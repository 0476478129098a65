package io.augur.chaos.loop;

import io.augur.domain.Checks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The durable JSON-lines files Augur appends to ({@link OutcomeLog}, the adaptive recovery's
 * effectiveness log): one line per append, forced to disk before returning; after a torn last line
 * the next append starts a fresh line, and reads skip lines that do not parse, reporting their
 * numbers.
 */
public final class JsonLines {
  private JsonLines() {}

  /** What a read found: the values in file order, and the 1-based numbers of lines it skipped. */
  public record Contents<T>(List<T> values, List<Integer> skippedLines) {
    public Contents {
      values = List.copyOf(values);
      skippedLines = List.copyOf(skippedLines);
    }
  }

  /**
   * Appends {@code json} (one line, no newline) to {@code file}, creating it and its directories,
   * and fsyncs.
   */
  public static void append(Path file, String json) throws IOException {
    Checks.nonNull("file", file);
    byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      long size = ch.size();
      boolean torn = false;
      if (size > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        ch.read(last, size - 1);
        torn = last.get(0) != '\n';
      }
      ByteBuffer buf = ByteBuffer.allocate(line.length + (torn ? 1 : 0));
      if (torn) {
        buf.put((byte) '\n');
      }
      buf.put(line).flip();
      long pos = size;
      while (buf.hasRemaining()) {
        pos += ch.write(buf, pos);
      }
      ch.force(true);
    }
  }

  /**
   * Parses every non-blank line of {@code file} with {@code parse}; a line it throws for is
   * skipped. An absent file is empty.
   */
  public static <T> Contents<T> read(Path file, Function<String, T> parse) throws IOException {
    if (!Files.exists(file)) {
      return new Contents<>(List.of(), List.of());
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<T> out = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.isEmpty()) {
        continue;
      }
      try {
        out.add(parse.apply(l));
      } catch (RuntimeException e) {
        skipped.add(i + 1);
      }
    }
    return new Contents<>(out, skipped);
  }
}
