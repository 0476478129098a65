package io.augur.chaos.cli;

import io.augur.chaos.exec.RunListener;
import io.augur.chaos.exec.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code augur chaos run} prints: time-stamped lines (one per phase as it happens) and the
 * summary.
 */
final class RunConsole {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private final PrintWriter out;
  private final Clock clock;

  RunConsole(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /** {@code [12:00:01] text}, flushed at once. */
  void line(String text) {
    out.println("[" + TIME.format(Instant.now(clock)) + "] " + text);
    out.flush();
  }

  /** {@code [12:00:01] <plan id> WATCH <detail>}. */
  RunListener listener() {
    return (id, phase, detail) -> line(String.format("%s  %-9s %s", id, phase, detail));
  }

  /**
   * One line per plan that ran, then the counts; true when a CI gate should fail: a plan that did
   * not pass, or a plan that was not run at all.
   */
  boolean summary(int planned, List<RunResult> results, Path journal) {
    out.println();
    Map<RunResult.Verdict, Integer> counts = new EnumMap<>(RunResult.Verdict.class);
    boolean violation = results.size() < planned;
    for (RunResult r : results) {
      counts.merge(r.verdict(), 1, Integer::sum);
      violation |= r.violation();
      StringBuilder sb = new StringBuilder(String.format("%-8s %s", r.verdict(), r.experimentId()));
      if (!r.reason().isEmpty()) {
        sb.append("  ").append(r.reason());
      }
      if (r.breachToRevertMs() != null) {
        sb.append("  (breach to verified revert ").append(r.breachToRevertMs()).append(" ms)");
      }
      if (r.leftOver()) {
        sb.append("  FAULT LEFT IN THE JOURNAL ")
            .append(journal)
            .append(": the next run reverts it");
      }
      out.println(sb);
    }
    out.printf(
        "%d plan(s): %s%s%n",
        planned,
        counts.isEmpty() ? "none run" : counts,
        results.size() < planned ? ", " + (planned - results.size()) + " not run" : "");
    out.flush();
    return violation;
  }
}
