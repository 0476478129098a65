package io.augur.chaos.recovery;

import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A recovery run as a record of the outcome log that {@code augur chaos labels}, the resilience
 * score and the chaos exporter read. Only runs that injected a fault have one (a refused run or a
 * failed injection is no experiment): PASSED stays PASSED, VIOLATED is FAILED, ABORTED and ERROR
 * (the fault not verified gone) are ABORTED. The target is {@code service/target}, so the record
 * counts for the test's service; the recovery time is the measured one, recovered automatically
 * when every validation step held, and each step's time is an observation {@code
 * recovery.<step>.ms}.
 */
public final class RecoveryOutcomes {
  private RecoveryOutcomes() {}

  public static Optional<ExperimentOutcome> of(RecoveryResult r) {
    Checks.nonNull("result", r);
    if (r.injectedAtMs() == null) {
      return Optional.empty();
    }
    ExperimentOutcome.Status status =
        switch (r.status()) {
          case PASSED -> ExperimentOutcome.Status.PASSED;
          case VIOLATED -> ExperimentOutcome.Status.FAILED;
          default -> ExperimentOutcome.Status.ABORTED;
        };
    Map<String, Double> obs = new LinkedHashMap<>();
    r.expectedBehaviours()
        .forEach(
            s -> {
              if (s.afterMs() != null) {
                obs.put("fault." + s.name() + ".ms", s.afterMs().doubleValue());
              }
            });
    r.validation()
        .forEach(
            s -> {
              if (s.afterMs() != null) {
                obs.put("recovery." + s.name() + ".ms", s.afterMs().doubleValue());
              }
            });
    obs.put("recovery.expected.ms", (double) r.expectedRecoveryMs());
    String target =
        r.target().startsWith(r.service() + "/") ? r.target() : r.service() + "/" + r.target();
    boolean recovered = r.measuredRecoveryMs() != null;
    String notes =
        "recovery test "
            + r.test()
            + ": "
            + r.status()
            + (r.violations().isEmpty() ? "" : ": " + String.join("; ", r.violations()));
    return Optional.of(
        new ExperimentOutcome(
            r.planId(),
            target,
            r.fault(),
            "recovery-test",
            status,
            r.injectedAtMs(),
            Math.max(r.injectedAtMs(), r.endedAtMs()),
            r.measuredRecoveryMs(),
            recovered,
            obs,
            notes));
  }
}
