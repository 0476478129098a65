package io.augur.chaos.adaptive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only JSON-lines file of {@link Attempt}s, in the style of {@code OutcomeLog}: each append
 * writes one line and forces it to disk; a torn last line is followed by a fresh one and skipped (its
 * number reported) when read.
 */
public final class EffectivenessLog {
  static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
    byte[] line;
    try {
      line = (JSON.writeValueAsString(a) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise attempt for " + a.failureId(), e);
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ)) {
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append a recovery attempt to " + file, e);
    }
  }

  /** Reads every attempt; an absent file is empty. */
  public Contents read() {
    if (!Files.exists(file)) {
      return new Contents(List.of(), List.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the effectiveness log " + file, e);
    }
    List<Attempt> out = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.isEmpty()) {
        continue;
      }
      try {
        out.add(JSON.readValue(l, Attempt.class));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        skipped.add(i + 1);
      }
    }
    return new Contents(out, skipped);
  }
}
