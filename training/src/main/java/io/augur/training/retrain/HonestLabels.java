package io.augur.training.retrain;

import io.augur.chaos.loop.LabelLog;
import io.augur.chaos.loop.LabelledWindow;
import io.augur.domain.ExperimentOutcome;
import io.augur.fleet.FailureMode;
import io.augur.training.demo.DemoTrainingSet;
import io.augur.training.sources.ChaosLabels;
import io.augur.training.sources.ComponentHistory;
import io.augur.training.sources.LabelSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label log (chaos-trigger's outcome log and operator verdicts, JSON lines) as training labels,
 * with only what each record proves:
 *
 * <ul>
 *   <li>FAILED experiment (the target broke its SLO and was not back within limits): a verified
 *       breach, so [start, end + recovery) is <b>failing</b> with the outcome's failure mode, and
 *       the settle time after it is left out;
 *   <li>PASSED experiment (no breach): a <b>negative for that fault type on that service</b>, only
 *       for the experiment's own span [start, end + recovery). It is not proof the service is
 *       healthy: it never overrides the source's own labels (a real failure in that span stays
 *       failing), and it labels nothing outside the span;
 *   <li>ABORTED experiment: an abort condition or rollback trigger fired and the fault was reverted
 *       (a failure mitigated after an alert), or the run was interrupted. Whether it would have
 *       breached cannot be verified, so its span plus the settle time is <b>left out</b>: neither
 *       positive nor negative (the default of {@code ChaosLabels} for {@code augur train} counts it
 *       failing; retraining does not);
 *   <li>operator verdicts ({@code augur feedback}): false-positive is normal and overrides the
 *       labels it overlaps; true-positive is a failure somebody said was real after an alert, which
 *       retraining cannot verify (it was usually mitigated), so its window is <b>left out</b> by
 *       default, or failing with {@code --unverified-positives=include}.
 * </ul>
 *
 * Nothing is weighted: a window is failing, normal or left out. The baseline before each experiment
 * (5 minutes; the gates only start experiments on a healthy target) is normal, after every span
 * above.
 */
public final class HonestLabels {
  /** The baseline before an experiment that counts as normal. */
  public static final long BASELINE_MS = 5 * 60_000L;

  private HonestLabels() {}

  /** How many records became which label. */
  public record Counts(
      int failedPositives,
      int passedNegatives,
      int abortedLeftOut,
      int falsePositiveVerdicts,
      int truePositiveVerdicts,
      boolean truePositivesIncluded,
      List<Integer> skippedLines) {
    public Counts {
      skippedLines = List.copyOf(skippedLines);
    }

    /** Outcomes plus verdicts: what "new outcomes" counts. */
    public int records() {
      return failedPositives
          + passedNegatives
          + abortedLeftOut
          + falsePositiveVerdicts
          + truePositiveVerdicts;
    }

    public String describe() {
      return failedPositives
          + " FAILED (failing), "
          + passedNegatives
          + " PASSED (negative for their fault type), "
          + abortedLeftOut
          + " ABORTED (left out), "
          + falsePositiveVerdicts
          + " false-positive verdict(s) (normal), "
          + truePositiveVerdicts
          + " true-positive verdict(s) ("
          + (truePositivesIncluded ? "failing" : "left out: unverified")
          + ")"
          + (skippedLines.isEmpty() ? "" : "; skipped unreadable lines " + skippedLines);
    }
  }

  /**
   * The spans per component: {@code leading} go before the source's own labels (operator verdicts),
   * {@code trailing} after them.
   */
  public record Labels(
      Map<String, List<LabelSpan>> leading, Map<String, List<LabelSpan>> trailing, Counts counts) {

    /**
     * Adds the spans to the histories; refuses a log none of whose components is in the history.
     */
    public List<ComponentHistory> apply(Path file, List<ComponentHistory> histories) {
      Set<String> known = new LinkedHashSet<>();
      histories.forEach(h -> known.add(h.component()));
      Set<String> mine = new LinkedHashSet<>(leading.keySet());
      mine.addAll(trailing.keySet());
      if (!mine.isEmpty() && mine.stream().noneMatch(known::contains)) {
        List<String> k = new ArrayList<>(known);
        throw new IllegalArgumentException(
            "--labels "
                + file
                + ": none of its components "
                + mine
                + " is in the history (components: "
                + (k.size() <= 5 ? k : k.subList(0, 5) + " and " + (k.size() - 5) + " more")
                + ")");
      }
      List<ComponentHistory> out = new ArrayList<>();
      for (ComponentHistory h : histories) {
        out.add(
            h.withLeadingSpans(leading.getOrDefault(h.component(), List.of()))
                .withSpans(trailing.getOrDefault(h.component(), List.of())));
      }
      return out;
    }
  }

  /** Reads {@code file}; an absent file is no labels. */
  public static Labels read(Path file, boolean includeUnverifiedPositives) {
    if (file == null || !Files.exists(file)) {
      return of(new LabelLog.Contents(List.of(), List.of(), List.of()), includeUnverifiedPositives);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--labels " + file + " is not a file");
    }
    return of(LabelLog.read(file), includeUnverifiedPositives);
  }

  public static Labels of(LabelLog.Contents c, boolean includeUnverifiedPositives) {
    Map<String, List<LabelSpan>> leading = new LinkedHashMap<>();
    Map<String, List<LabelSpan>> failing = new LinkedHashMap<>();
    Map<String, List<LabelSpan>> leftOut = new LinkedHashMap<>();
    Map<String, List<LabelSpan>> normal = new LinkedHashMap<>();
    int failed = 0;
    int passed = 0;
    int aborted = 0;
    int fp = 0;
    int tp = 0;
    for (LabelLog.Entry e : c.windows()) {
      LabelledWindow w = e.window();
      boolean verdict = ChaosLabels.OPERATOR_SOURCE.equals(w.source());
      String src = verdict ? ChaosLabels.OPERATOR_SOURCE : ChaosLabels.LABEL_SOURCE;
      if (w.label() == LabelledWindow.Label.NORMAL) {
        fp += verdict ? 1 : 0;
        add(
            verdict ? leading : normal,
            span(w.component(), w.startMs(), w.endMs(), LabelSpan.Kind.NORMAL, null, src));
      } else if (verdict && !includeUnverifiedPositives) {
        tp++;
        add(
            leading,
            span(
                w.component(),
                w.startMs(),
                w.endMs() + DemoTrainingSet.SETTLE_MS,
                LabelSpan.Kind.EXCLUDED,
                null,
                src));
      } else {
        tp += verdict ? 1 : 0;
        add(
            verdict ? leading : failing,
            span(w.component(), w.startMs(), w.endMs(), LabelSpan.Kind.FAILING, mode(w), src));
        add(
            leftOut,
            span(
                w.component(),
                w.endMs(),
                w.endMs() + DemoTrainingSet.SETTLE_MS,
                LabelSpan.Kind.EXCLUDED,
                null,
                src));
      }
    }
    for (ExperimentOutcome o : c.outcomes()) {
      long start = o.startedAtMs();
      long end =
          Math.max(
              o.endedAtMs() + (o.recoveryTimeMs() == null ? 0 : o.recoveryTimeMs()), start + 1);
      String src = ChaosLabels.LABEL_SOURCE;
      switch (o.status()) {
        case FAILED -> {
          failed++;
          add(failing, span(o.target(), start, end, LabelSpan.Kind.FAILING, mode(o), src));
          add(
              leftOut,
              span(
                  o.target(),
                  end,
                  end + DemoTrainingSet.SETTLE_MS,
                  LabelSpan.Kind.EXCLUDED,
                  null,
                  src));
        }
        case PASSED -> {
          passed++;
          add(normal, span(o.target(), start, end, LabelSpan.Kind.NORMAL, null, src));
        }
        case ABORTED -> {
          aborted++;
          add(
              leftOut,
              span(
                  o.target(),
                  start,
                  end + DemoTrainingSet.SETTLE_MS,
                  LabelSpan.Kind.EXCLUDED,
                  null,
                  src));
        }
      }
      if (start - BASELINE_MS >= 0) {
        add(normal, span(o.target(), start - BASELINE_MS, start, LabelSpan.Kind.NORMAL, null, src));
      }
    }
    // after the source's own labels: failing, then left out, then normal (the first span holding a
    // window's end decides, so an aborted run's span is not made normal by a neighbour's baseline)
    Map<String, List<LabelSpan>> trailing = new LinkedHashMap<>();
    for (Map<String, List<LabelSpan>> m : List.of(failing, leftOut, normal)) {
      m.forEach((k, v) -> trailing.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    }
    return new Labels(
        leading,
        trailing,
        new Counts(failed, passed, aborted, fp, tp, includeUnverifiedPositives, c.skippedLines()));
  }

  private static LabelSpan span(
      String component, long start, long end, LabelSpan.Kind kind, FailureMode mode, String src) {
    return new LabelSpan(
        component,
        start,
        Math.max(end, start + 1),
        kind,
        kind == LabelSpan.Kind.FAILING ? mode : null,
        kind == LabelSpan.Kind.FAILING ? Math.max(end, start + 1) : null,
        src);
  }

  private static void add(Map<String, List<LabelSpan>> m, LabelSpan s) {
    m.computeIfAbsent(s.component(), x -> new ArrayList<>()).add(s);
  }

  private static FailureMode mode(ExperimentOutcome o) {
    return mode(o.failureMode());
  }

  private static FailureMode mode(LabelledWindow w) {
    return mode(w.failureMode());
  }

  private static FailureMode mode(String id) {
    try {
      return FailureMode.fromId(id);
    } catch (RuntimeException e) {
      return null; // a mode outside the fleet's vocabulary: failing, mode unknown
    }
  }
}
