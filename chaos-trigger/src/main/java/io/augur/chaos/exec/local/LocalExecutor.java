package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.Checks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan's fault on local processes. For the plan's type it takes the first registered {@link
 * LocalFault} that supports it on the resolved target, journals a skeleton fault (handle {@code
 * fault} = the fault's name, {@code target} = the binding's name) and lets the fault apply itself.
 * Only the plan's first target is hit (a local binding stands for one process).
 */
public final class LocalExecutor implements Executor {
  public static final String NAME = "local";
  static final String FAULT = "fault";

  private final LocalTargets targets;
  private final List<LocalFault> faults;
  private final Map<String, LocalFault> byName = new LinkedHashMap<>();
  private final Clock clock;

  public LocalExecutor(LocalTargets targets, List<LocalFault> faults, Clock clock) {
    this.targets = Checks.nonNull("targets", targets);
    this.faults = List.copyOf(Checks.noNullElements("faults", faults));
    this.clock = Checks.nonNull("clock", clock);
    for (LocalFault f : this.faults) {
      if (byName.put(f.name(), f) != null) {
        throw new IllegalArgumentException("two local faults are named " + f.name());
      }
    }
  }

  /** With every fault family Augur ships ({@link StandardLocalFaults}). */
  public static LocalExecutor standard(LocalTargets targets, Clock clock) {
    return new LocalExecutor(targets, StandardLocalFaults.all(), clock);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> unsupported(ApprovedPlan plan) {
    return choose(plan).map(c -> c.reason).filter(r -> r != null);
  }

  private record Choice(LocalFault fault, LocalTarget target, FaultParams params, String reason) {}

  private Optional<Choice> choose(ApprovedPlan approved) {
    PlannedExperiment planned = approved.planned();
    String targetName = planned.plan().targets().get(0);
    Optional<LocalTarget> target = targets.resolve(planned, targetName);
    if (target.isEmpty()) {
      return Optional.of(
          new Choice(
              null,
              null,
              null,
              "no local target is bound to "
                  + targetName
                  + " (nor to app "
                  + planned.selection().labels().get("app")
                  + ") in the local targets"));
    }
    ExperimentType type = planned.type();
    FaultParams params = FaultParams.of(approved);
    List<String> why = new ArrayList<>();
    for (LocalFault f : faults) {
      if (!f.types().contains(type)) {
        continue;
      }
      Optional<String> u = f.unsupported(type, target.get(), params);
      if (u.isEmpty()) {
        return Optional.of(new Choice(f, target.get(), params, null));
      }
      why.add(f.name() + ": " + u.get());
    }
    return Optional.of(
        new Choice(
            null,
            target.get(),
            params,
            why.isEmpty()
                ? "the local executor has no fault for " + type.id()
                : type.id()
                    + " cannot run locally on "
                    + target.get().name()
                    + ": "
                    + String.join("; ", why)));
  }

  @Override
  public InjectedFault inject(ApprovedPlan plan, FaultJournal journal) {
    Choice c = choose(plan).orElseThrow();
    if (c.reason != null) {
      throw new FaultException(c.reason);
    }
    String experimentId = plan.planned().plan().id();
    InjectedFault skeleton =
        new InjectedFault(
            experimentId + "-" + NAME + "-" + c.fault.name(),
            NAME,
            experimentId,
            plan.planned().plan().targets().get(0),
            plan.planned().type().id(),
            Map.of(FAULT, c.fault.name(), "target", c.target.name()),
            clock.millis());
    journal.record(skeleton);
    InjectedFault applied;
    try {
      applied = c.fault.inject(skeleton, c.target, c.params, journal);
    } catch (RuntimeException e) {
      // the fault undid its own partial work; make sure, and keep the entry if it is not gone
      safeRevert(
          c.fault,
          journal.read().faults().stream()
              .filter(f -> f.id().equals(skeleton.id()))
              .findFirst()
              .orElse(skeleton),
          journal);
      throw e instanceof FaultException fe
          ? fe
          : new FaultException(
              "cannot inject "
                  + skeleton.experimentType()
                  + " into "
                  + c.target.name()
                  + ": "
                  + e.getMessage(),
              e);
    }
    journal.record(applied);
    return applied;
  }

  private void safeRevert(LocalFault fault, InjectedFault f, FaultJournal journal) {
    try {
      fault.revert(f);
      if (fault.reverted(f)) {
        journal.remove(f.id());
      }
    } catch (RuntimeException ignored) {
      // the entry stays in the journal; the next start retries
    }
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    return faultOf(fault).status(fault);
  }

  @Override
  public void revert(InjectedFault fault, FaultJournal journal) {
    LocalFault f = faultOf(fault);
    f.revert(fault);
    if (!f.reverted(fault)) {
      throw new FaultException(
          "fault " + fault.id() + " (" + f.name() + ") is still in effect after revert");
    }
    journal.remove(fault.id());
  }

  @Override
  public boolean verifyReverted(InjectedFault fault) {
    return faultOf(fault).reverted(fault);
  }

  private LocalFault faultOf(InjectedFault fault) {
    String n = fault.require(FAULT);
    LocalFault f = byName.get(n);
    if (f == null) {
      throw new FaultException(
          "fault "
              + fault.id()
              + " was applied by local fault "
              + n
              + ", which this executor lacks "
              + byName.keySet());
    }
    return f;
  }
}
