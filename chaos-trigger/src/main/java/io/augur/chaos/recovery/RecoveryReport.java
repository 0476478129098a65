package io.augur.chaos.recovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A run's report: Markdown for people, JSON for tools, and Prometheus text (for node-exporter's
 * textfile collector) with the series the shipped alert and recording rules read: {@code
 * augur_recovery_seconds}, {@code augur_recovery_expected_seconds}, {@code
 * augur_recovery_recovered}, {@code augur_recovery_step_seconds} and {@code
 * augur_recovery_last_run_timestamp_seconds}.
 */
public final class RecoveryReport {
  private static final ObjectMapper JSON = Wire.REPORTS;

  private RecoveryReport() {}

  public static String markdown(RecoveryResult r) {
    Checks.nonNull("result", r);
    StringBuilder b = new StringBuilder();
    b.append("# Recovery test ").append(r.test()).append(": ").append(r.status()).append("\n\n");
    b.append("| | |\n|---|---|\n");
    row(b, "Service", r.service());
    row(b, "Trigger", r.fault() + " on " + r.target());
    row(
        b,
        "Expected recovery",
        "≤ " + seconds(r.expectedRecoveryMs()) + " (from " + r.recoveryFrom() + ")");
    row(
        b,
        "Measured recovery",
        r.measuredRecoveryMs() == null ? "not recovered" : seconds(r.measuredRecoveryMs()));
    row(
        b,
        "Injected",
        r.injectedAtMs() == null ? "no" : Instant.ofEpochMilli(r.injectedAtMs()).toString());
    row(
        b,
        "Reverted",
        r.revertedAtMs() == null
            ? "no fault to revert"
            : Instant.ofEpochMilli(r.revertedAtMs())
                + (r.reverted() ? " (verified gone)" : " (NOT verified gone)"));
    b.append('\n');
    steps(b, "Expected behaviours (while the fault was in effect)", r.expectedBehaviours());
    steps(b, "Validation (recovery)", r.validation());
    b.append("## Verdict\n\n");
    if (r.violations().isEmpty()) {
      b.append(
          r.status() == RecoveryResult.Status.PASSED
              ? "Every step held; recovery within the expectation.\n"
              : "No step was evaluated.\n");
    } else {
      r.violations().forEach(v -> b.append("- ").append(v).append('\n'));
    }
    if (!r.notes().isEmpty()) {
      b.append("\n## Notes\n\n");
      r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.toString();
  }

  private static void steps(StringBuilder b, String title, List<StepResult> steps) {
    if (steps.isEmpty()) {
      return;
    }
    b.append("## ").append(title).append("\n\n");
    b.append("| Step | Check | Hold for | Held | First held after | Evaluations | Seen |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (StepResult s : steps) {
      b.append("| ")
          .append(cell(s.name()))
          .append(" | ")
          .append(cell(s.check()))
          .append(" | ")
          .append(seconds(s.holdForMs()))
          .append(" | ")
          .append(s.held() ? "yes" : "**no**")
          .append(" | ")
          .append(s.afterMs() == null ? "—" : seconds(s.afterMs()))
          .append(" | ")
          .append(s.evaluations())
          .append(" | ")
          .append(cell(s.held() ? s.heldDetail() : s.lastDetail()))
          .append(" |\n");
    }
    b.append('\n');
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n");
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  public static String json(RecoveryResult r) {
    try {
      return JSON.writeValueAsString(Checks.nonNull("result", r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write result of " + r.test() + " as JSON", e);
    }
  }

  /**
   * Prometheus text for the run. A test that never recovered reports the whole observation window
   * as its recovery time (over the expectation by construction) and {@code augur_recovery_recovered
   * 0}.
   */
  public static String prometheus(RecoveryResult r, long observeForMs) {
    String l = "test=\"" + esc(r.test()) + "\",service=\"" + esc(r.service()) + "\"";
    boolean recovered =
        r.measuredRecoveryMs() != null && r.validation().stream().allMatch(StepResult::held);
    long seconds = recovered ? r.measuredRecoveryMs() : observeForMs;
    StringBuilder b = new StringBuilder();
    family(b, "augur_recovery_seconds", "Measured recovery time of the recovery test's last run.");
    b.append("augur_recovery_seconds{")
        .append(l)
        .append("} ")
        .append(num(seconds / 1000.0))
        .append('\n');
    family(b, "augur_recovery_expected_seconds", "The recovery test's expected recovery time.");
    b.append("augur_recovery_expected_seconds{")
        .append(l)
        .append("} ")
        .append(num(r.expectedRecoveryMs() / 1000.0))
        .append('\n');
    family(
        b,
        "augur_recovery_recovered",
        "1 when every validation step of the last run held, else 0.");
    b.append("augur_recovery_recovered{")
        .append(l)
        .append("} ")
        .append(recovered ? 1 : 0)
        .append('\n');
    family(
        b,
        "augur_recovery_step_seconds",
        "When each validation step of the last run first held, from the phase start.");
    for (StepResult s : r.validation()) {
      if (s.afterMs() != null) {
        b.append("augur_recovery_step_seconds{")
            .append(l)
            .append(",step=\"")
            .append(esc(s.name()))
            .append("\"} ")
            .append(num(s.afterMs() / 1000.0))
            .append('\n');
      }
    }
    family(
        b, "augur_recovery_last_run_timestamp_seconds", "When the recovery test's last run ended.");
    b.append("augur_recovery_last_run_timestamp_seconds{")
        .append(l)
        .append("} ")
        .append(num(r.endedAtMs() / 1000.0))
        .append('\n');
    return b.toString();
  }

  private static void family(StringBuilder b, String name, String help) {
    b.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append("\n# TYPE ")
        .append(name)
        .append(" gauge\n");
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String esc(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Writes {@code <dir>/<test>.md} and {@code <dir>/<test>.json}; returns both paths. */
  public static List<Path> write(Path dir, RecoveryResult r) throws IOException {
    Files.createDirectories(dir);
    Path md = atomic(dir.resolve(r.test() + ".md"), markdown(r));
    Path js = atomic(dir.resolve(r.test() + ".json"), json(r));
    return List.of(md, js);
  }

  /**
   * Writes {@code text} to {@code file} through a temporary file and a rename (textfile collectors
   * read whole files).
   */
  public static Path atomic(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
    Files.writeString(tmp, text);
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
