package io.augur.job.sinks;

import io.augur.json.Wire;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each record as one line, to a file (appending; subtask {@code i > 0} writes {@code
 * name.i}) or to standard output. Lines are flushed on every checkpoint and at end of input. Meant
 * for the demo, local runs and tests; production outputs are Kafka and Alertmanager.
 */
public final class LineSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  /** A serialisable formatter. */
  public interface Format<T> extends Function<T, String>, Serializable {}

  private final String file; // null: standard output
  private final Format<T> format;

  private LineSink(String file, Format<T> format) {
    this.file = file;
    this.format = format;
  }

  public static <T> LineSink<T> jsonLinesTo(Path file) {
    return new LineSink<>(file.toAbsolutePath().toString(), Wire::record);
  }

  public static <T> LineSink<T> toFile(Path file, Format<T> format) {
    return new LineSink<>(file.toAbsolutePath().toString(), format);
  }

  public static <T> LineSink<T> toStdout(Format<T> format) {
    return new LineSink<>(null, format);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    int subtask = context.getTaskInfo().getIndexOfThisSubtask();
    if (file == null) {
      return new Out<>(null, System.out, format);
    }
    Path p = Path.of(subtask == 0 ? file : file + "." + subtask);
    Files.createDirectories(p.toAbsolutePath().getParent());
    Writer w =
        Files.newBufferedWriter(
            p, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new Out<>(new BufferedWriter(w), null, format);
  }

  private static final class Out<T> implements SinkWriter<T> {
    private final BufferedWriter writer;
    private final PrintStream stream;
    private final Format<T> format;

    Out(BufferedWriter writer, PrintStream stream, Format<T> format) {
      this.writer = writer;
      this.stream = stream;
      this.format = format;
    }

    @Override
    public void write(T element, Context context) throws IOException {
      String line = format.apply(element);
      if (writer != null) {
        writer.write(line);
        writer.newLine();
      } else {
        stream.println(line);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      if (writer != null) {
        writer.flush();
      } else {
        stream.flush();
      }
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
