package io.augur.chaos.loop;

import io.augur.chaos.loop.LabelledWindow.Label;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Outcomes to labelled windows, source {@code chaos}. For each outcome on component c:
 *
 * <ul>
 *   <li>baseline: [start - baseline, start) is NORMAL (the gates only start experiments on a
 *       healthy system); left out when it would start before 0;
 *   <li>fault: [start, end + recovery time) is FAILURE with the outcome's failure mode when the
 *       experiment FAILED or was ABORTED (success criteria broken or abort condition fired), and
 *       NORMAL when it PASSED (the component withstood the fault: a hard negative).
 * </ul>
 */
public final class OutcomeLabeller {
  public static final String SOURCE = "chaos";

  private final Duration baseline;

  public OutcomeLabeller(Duration baseline) {
    this.baseline = Checks.nonNull("baseline", baseline);
    if (baseline.isNegative()) {
      throw new IllegalArgumentException("baseline must be >= 0, got " + baseline);
    }
  }

  public List<LabelledWindow> windows(Collection<ExperimentOutcome> outcomes) {
    List<LabelledWindow> out = new ArrayList<>();
    for (ExperimentOutcome o : outcomes) {
      out.addAll(windows(o));
    }
    out.sort(
        Comparator.comparing(LabelledWindow::component).thenComparingLong(LabelledWindow::startMs));
    return out;
  }

  public List<LabelledWindow> windows(ExperimentOutcome o) {
    List<LabelledWindow> out = new ArrayList<>();
    long b = baseline.toMillis();
    if (b > 0 && o.startedAtMs() - b >= 0) {
      out.add(
          new LabelledWindow(
              o.target(),
              o.startedAtMs() - b,
              o.startedAtMs(),
              Label.NORMAL,
              "none",
              SOURCE,
              o.planId(),
              o.experimentType()));
    }
    long end =
        Math.max(
            o.endedAtMs() + (o.recoveryTimeMs() == null ? 0 : o.recoveryTimeMs()),
            o.startedAtMs() + 1);
    boolean failed = o.status() != ExperimentOutcome.Status.PASSED;
    out.add(
        new LabelledWindow(
            o.target(),
            o.startedAtMs(),
            end,
            failed ? Label.FAILURE : Label.NORMAL,
            failed ? o.failureMode() : "none",
            SOURCE,
            o.planId(),
            o.experimentType()));
    return out;
  }
}
