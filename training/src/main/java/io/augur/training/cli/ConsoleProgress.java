package io.augur.training.cli;

import io.augur.models.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on a terminal ({@code \r}-redrawn), or a line per tenth of each stage when the
 * output is a file or a pipe, so logs stay readable.
 */
public final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final boolean tty;
  private final long startNs = System.nanoTime();
  private String stage = "";
  private int lastTenth = -1;

  public ConsoleProgress(PrintStream out) {
    this(out, System.console() != null);
  }

  public ConsoleProgress(PrintStream out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  @Override
  public synchronized void onProgress(String stageName, long done, long total) {
    if (!stageName.equals(stage)) {
      if (tty && !stage.isEmpty()) {
        out.println();
      }
      stage = stageName;
      lastTenth = -1;
    }
    double f = total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    double secs = (System.nanoTime() - startNs) / 1e9;
    if (tty) {
      int filled = (int) Math.round(f * 30);
      out.printf(
          Locale.ROOT,
          "\r  %-18s [%s%s] %3.0f%% (%d/%d) %6.1fs",
          stage,
          "#".repeat(filled),
          "-".repeat(30 - filled),
          f * 100,
          done,
          total,
          secs);
      if (done >= total) {
        out.println();
        stage = "";
      }
      out.flush();
      return;
    }
    int tenth = (int) Math.floor(f * 10);
    if (tenth != lastTenth) {
      lastTenth = tenth;
      out.printf(
          Locale.ROOT, "  %-18s %3.0f%% (%d/%d) %6.1fs%n", stage, f * 100, done, total, secs);
    }
  }
}
