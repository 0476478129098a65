package io.augur.evaluation.nab;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress display on a terminal stream (stderr): files done of total, rows scored and
 * the rate, redrawn in place with a carriage return. Time comes from an injected nanosecond clock.
 */
public final class ProgressDisplay {

  private final PrintStream out;
  private final LongSupplier nanoClock;
  private final String label;
  private final int totalFiles;
  private final long startNanos;
  private int filesDone;
  private long rowsDone;

  public ProgressDisplay(PrintStream out, LongSupplier nanoClock, String label, int totalFiles) {
    if (totalFiles < 0) {
      throw new IllegalArgumentException("totalFiles must be >= 0, got " + totalFiles);
    }
    this.out = out;
    this.nanoClock = nanoClock;
    this.label = label;
    this.totalFiles = totalFiles;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Records one finished file of {@code rows} rows and redraws the line. */
  public synchronized void fileDone(int rows) {
    filesDone++;
    rowsDone += rows;
    if (out != null) {
      out.print("\r" + line());
      if (filesDone == totalFiles) {
        out.println();
      }
      out.flush();
    }
  }

  /**
   * The current line, e.g. {@code windowedGaussian [##### ] 29/58 files 182,000 rows 91,000
   * rows/s}.
   */
  public synchronized String line() {
    int width = 20;
    int filled = totalFiles == 0 ? width : (int) ((long) filesDone * width / totalFiles);
    double seconds = Math.max(1e-9, (nanoClock.getAsLong() - startNanos) / 1e9);
    return String.format(
        Locale.ROOT,
        "%-18s [%s%s] %d/%d files  %,d rows  %,.0f rows/s  %.1f s",
        label,
        "#".repeat(filled),
        " ".repeat(width - filled),
        filesDone,
        totalFiles,
        rowsDone,
        rowsDone / seconds,
        seconds);
  }

  public synchronized double elapsedSeconds() {
    return (nanoClock.getAsLong() - startNanos) / 1e9;
  }
}
