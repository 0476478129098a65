package io.augur.chaos.loop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line to a file and forces it to disk before returning. A crash can leave a torn last
 * line: the next append starts a fresh line after it (readers skip lines that do not parse).
 */
final class DurableLines {
  private DurableLines() {}

  static void append(Path file, String line) throws IOException {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer buf;
      if (size > 0 && !endsWithNewline(ch, size)) {
        buf = ByteBuffer.allocate(bytes.length + 1).put((byte) '\n').put(bytes);
      } else {
        buf = ByteBuffer.allocate(bytes.length).put(bytes);
      }
      buf.flip();
      long pos = size;
      while (buf.hasRemaining()) {
        pos += ch.write(buf, pos);
      }
      ch.force(true);
    }
  }

  private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    ch.read(last, size - 1);
    return last.get(0) == '\n';
  }
}
