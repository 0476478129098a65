package io.augur.chaos.gameday;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.recovery.RecoveryReport;
import io.augur.chaos.recovery.StepResult;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chart.TimeChart;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A game day's timeline: Markdown (phases, actions, faults injected and reverted, each validation's
 * result and when it first held, snapshots, the abort reason), a PNG drawn with {@link TimeChart}
 * (phase bands, fault bars, the key metric, validation markers), JSON for tools, and the
 * outcome-log records of its faults. Also the dry-run timeline of a scenario.
 */
public final class GameDayReport {
  public static final int PNG_WIDTH = 1200;
  public static final int PNG_PLOT_HEIGHT = 320;
  private static final ObjectMapper JSON = Wire.REPORTS;

  private GameDayReport() {}

  /** What a run of {@code s} would do, offset by offset; touches nothing. */
  public static String timeline(Scenario s) {
    Checks.nonNull("scenario", s);
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "game day %s (dry run: nothing is notified, injected or run): %d phases, %s%n",
            s.name(),
            s.phases().size(),
            secs(s.duration().toMillis())));
    if (s.notifyTo() != null) {
      b.append("  notify: ")
          .append(
              s.notifyTo().alertmanager() != null
                  ? "Alertmanager " + s.notifyTo().alertmanager()
                  : "webhook " + s.notifyTo().webhook())
          .append('\n');
    }
    s.abortConditions()
        .forEach(
            c ->
                b.append("  abort the whole scenario if ")
                    .append(c.name())
                    .append(": ")
                    .append(c.promql())
                    .append(' ')
                    .append(c.limit())
                    .append('\n'));
    if (s.keyMetric() != null) {
      b.append("  key metric ")
          .append(s.keyMetric().name())
          .append(": ")
          .append(s.keyMetric().promql())
          .append('\n');
    }
    long offset = 0;
    for (Scenario.Phase p : s.phases()) {
      b.append(
          String.format(
              Locale.ROOT,
              "  +%s  phase %s (%s)%n",
              secs(offset),
              p.name(),
              secs(p.duration().toMillis())));
      for (Scenario.Action a :
          p.actions().stream()
              .sorted(java.util.Comparator.comparing(Scenario.Action::at))
              .toList()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  +%s    %s: %s%n",
                secs(offset + a.at().toMillis()),
                a.name(),
                a.describe()));
      }
      for (ValidationStep v : p.validations()) {
        b.append(
            String.format(
                Locale.ROOT,
                "           validate %s: %s%s, before +%s%n",
                v.name(),
                v.check().describe(),
                v.holdFor().isZero() ? "" : " for " + secs(v.holdFor().toMillis()),
                secs(offset + p.duration().toMillis())));
      }
      offset += p.duration().toMillis();
    }
    b.append(
        String.format(
            Locale.ROOT, "  +%s  end; every fault still in effect is reverted%n", secs(offset)));
    return b.toString();
  }

  public static String markdown(GameDayResult r) {
    Checks.nonNull("result", r);
    long t0 = r.startedAtMs();
    StringBuilder b = new StringBuilder();
    b.append("# Game day ").append(r.scenario()).append(": ").append(r.status()).append("\n\n");
    b.append("Started ")
        .append(Instant.ofEpochMilli(t0))
        .append(", ended ")
        .append(Instant.ofEpochMilli(r.endedAtMs()))
        .append(" (")
        .append(secs(r.endedAtMs() - t0))
        .append(").\n\n");
    if (r.abortReason() != null) {
      b.append("**Aborted:** ").append(r.abortReason()).append("\n\n");
    }
    b.append("![timeline](").append(r.scenario()).append(".png)\n\n");
    b.append("## Phases\n\n| Phase | Start | End | Planned | Completed |\n|---|---|---|---|---|\n");
    for (GameDayResult.PhaseRecord p : r.phases()) {
      b.append("| ")
          .append(p.name())
          .append(" | +")
          .append(secs(p.startedAtMs() - t0))
          .append(" | +")
          .append(secs(p.endedAtMs() - t0))
          .append(" | ")
          .append(secs(p.plannedMs()))
          .append(" | ")
          .append(p.completed() ? "yes" : "no (stopped)")
          .append(" |\n");
    }
    b.append("\n## Faults\n\n");
    if (r.faults().isEmpty()) {
      b.append("No fault was injected.\n");
    } else {
      b.append(
          "| Action | Fault | Target | Injected | Reverted | Verified gone |\n|---|---|---|---|---|---|\n");
      for (GameDayResult.FaultRecord f : r.faults()) {
        b.append("| ")
            .append(f.action())
            .append(" | ")
            .append(f.fault())
            .append(" | ")
            .append(f.target())
            .append(" | +")
            .append(secs(f.injectedAtMs() - t0))
            .append(" | ")
            .append(f.revertedAtMs() == null ? "never" : "+" + secs(f.revertedAtMs() - t0))
            .append(" | ")
            .append(f.reverted() ? "yes" : "**NO**")
            .append(" |\n");
      }
    }
    b.append("\n## Actions\n\n| Time | Phase | Action | What | Result |\n|---|---|---|---|---|\n");
    for (GameDayResult.ActionRecord a : r.actions()) {
      b.append("| +")
          .append(secs(a.atMs() - t0))
          .append(" | ")
          .append(a.phase())
          .append(" | ")
          .append(a.name())
          .append(" | ")
          .append(cell(a.description()))
          .append(" | ")
          .append(a.ok() ? "ok" : "FAILED")
          .append(": ")
          .append(cell(a.detail()))
          .append(" |\n");
    }
    b.append(
        "\n## Validations\n\n| Phase | Validation | Check | Result | First true | Held from | Last seen |\n"
            + "|---|---|---|---|---|---|---|\n");
    for (GameDayResult.PhaseRecord p : r.phases()) {
      for (StepResult v : p.validations()) {
        b.append("| ")
            .append(p.name())
            .append(" | ")
            .append(v.name())
            .append(" | ")
            .append(cell(v.check()))
            .append(v.holdForMs() == 0 ? "" : " for " + secs(v.holdForMs()))
            .append(" | ")
            .append(
                v.held() ? "held" : p.completed() ? "**did not hold**" : "not finished (stopped)")
            .append(" | ")
            .append(v.firstTrueAtMs() == null ? "never" : "+" + secs(v.firstTrueAtMs() - t0))
            .append(" | ")
            .append(v.heldFromMs() == null ? "-" : "+" + secs(v.heldFromMs() - t0))
            .append(" | ")
            .append(cell(v.lastDetail()))
            .append(" |\n");
      }
    }
    if (!r.snapshots().isEmpty()) {
      b.append(
          "\n## Snapshots\n\n| Time | Phase | Snapshot | Query | Value |\n|---|---|---|---|---|\n");
      for (GameDayResult.SnapshotRecord s : r.snapshots()) {
        s.values()
            .forEach(
                (k, v) ->
                    b.append("| +")
                        .append(secs(s.atMs() - t0))
                        .append(" | ")
                        .append(s.phase())
                        .append(" | ")
                        .append(s.name())
                        .append(" | ")
                        .append(k)
                        .append(" | ")
                        .append(v == null ? "no sample" : String.format(Locale.ROOT, "%.6g", v))
                        .append(" |\n"));
      }
    }
    if (r.keyMetric() != null) {
      long n = r.keyMetricSamples().stream().filter(x -> Double.isFinite(x.value())).count();
      b.append("\nKey metric ")
          .append(r.keyMetric())
          .append(": ")
          .append(r.keyMetricSamples().size())
          .append(" samples (")
          .append(n)
          .append(" with a value).\n");
    }
    b.append("\n## Verdict\n\n");
    if (r.violations().isEmpty()) {
      b.append(
          "Every phase ran to its end, every validation held and every fault was verified gone.\n");
    } else {
      r.violations().forEach(v -> b.append("- ").append(v).append('\n'));
    }
    if (!r.notes().isEmpty()) {
      b.append("\n## Notes\n\n");
      r.notes().forEach(n -> b.append("- ").append(n).append('\n'));
    }
    return b.toString();
  }

  /**
   * The timeline chart: phase bands, one bar per fault, the key metric, a marker per validation.
   */
  public static TimeChart chart(GameDayResult r) {
    long end = Math.max(r.endedAtMs(), r.startedAtMs() + 1);
    TimeChart c =
        new TimeChart(
            "game day " + r.scenario() + ": " + r.status(),
            r.startedAtMs(),
            end,
            PNG_WIDTH,
            PNG_PLOT_HEIGHT);
    for (GameDayResult.PhaseRecord p : r.phases()) {
      c.band(p.startedAtMs(), p.endedAtMs(), p.name(), null);
    }
    for (GameDayResult.FaultRecord f : r.faults()) {
      c.interval(
          f.injectedAtMs(),
          f.revertedAtMs() == null ? end : f.revertedAtMs(),
          f.fault() + " on " + f.target() + (f.reverted() ? "" : " (NOT verified gone)"),
          null);
    }
    if (r.keyMetric() != null) {
      c.yLabel(r.keyMetric());
      c.line(
          r.keyMetric(),
          r.keyMetricSamples().stream().map(s -> new TimeChart.Point(s.atMs(), s.value())).toList(),
          null);
    }
    for (GameDayResult.PhaseRecord p : r.phases()) {
      for (StepResult v : p.validations()) {
        c.marker(
            v.held() ? v.heldFromMs() : p.endedAtMs(),
            v.name(),
            v.held() ? TimeChart.PASS : TimeChart.FAIL);
      }
    }
    return c;
  }

  /** Writes NAME.md, NAME.png and NAME.json into {@code dir}; returns them in that order. */
  public static List<Path> write(Path dir, GameDayResult r) throws IOException {
    Files.createDirectories(dir);
    Path md = dir.resolve(r.scenario() + ".md");
    Path png = dir.resolve(r.scenario() + ".png");
    Path json = dir.resolve(r.scenario() + ".json");
    chart(r).writePng(png);
    RecoveryReport.atomic(md, markdown(r));
    RecoveryReport.atomic(json, JSON.writeValueAsString(r));
    return List.of(md, png, json);
  }

  /**
   * One outcome-log record per fault injected, as a recovery test records its trigger: PASSED when
   * the game day passed, FAILED when it was violated, ABORTED when stopped early or the fault was
   * not verified gone; observations are when each validation held (ms after its phase started).
   */
  public static List<ExperimentOutcome> outcomes(GameDayResult r) {
    List<ExperimentOutcome> out = new ArrayList<>();
    Map<String, Double> obs = new LinkedHashMap<>();
    for (GameDayResult.PhaseRecord p : r.phases()) {
      for (StepResult v : p.validations()) {
        if (v.afterMs() != null) {
          obs.put("gameday." + p.name() + "." + v.name() + ".ms", v.afterMs().doubleValue());
        }
      }
    }
    for (GameDayResult.FaultRecord f : r.faults()) {
      ExperimentOutcome.Status st =
          !f.reverted() || r.status() == GameDayResult.Status.ABORTED
              ? ExperimentOutcome.Status.ABORTED
              : r.status() == GameDayResult.Status.PASSED
                  ? ExperimentOutcome.Status.PASSED
                  : ExperimentOutcome.Status.FAILED;
      long ended = f.revertedAtMs() == null ? r.endedAtMs() : f.revertedAtMs();
      out.add(
          new ExperimentOutcome(
              f.planId(),
              f.target(),
              f.fault(),
              "game-day",
              st,
              f.injectedAtMs(),
              Math.max(f.injectedAtMs(), ended),
              null,
              r.status() == GameDayResult.Status.PASSED,
              obs,
              "game day "
                  + r.scenario()
                  + " ("
                  + f.action()
                  + "): "
                  + r.status()
                  + (r.violations().isEmpty() ? "" : ": " + String.join("; ", r.violations()))));
    }
    return out;
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  static String secs(long ms) {
    return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }
}
