package io.augur.chaos.recovery;

import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An executor whose "fault" is a flag the test reads (for the run's timing logic on a fake clock;
 * the end-to-end tests use the real local executor). Journals like a real one, and records when it
 * injected and reverted.
 */
public final class RecordingExecutor implements Executor {
  private final Clock clock;
  public final List<String> calls = new ArrayList<>();
  public volatile boolean active;
  public Long injectedAtMs;
  public Long revertedAtMs;
  public RuntimeException failRevert;

  public RecordingExecutor(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public Optional<String> unsupported(ApprovedPlan plan) {
    return Optional.empty();
  }

  @Override
  public InjectedFault inject(ApprovedPlan plan, FaultJournal journal) {
    InjectedFault f =
        new InjectedFault(
            plan.planned().plan().id() + "-recording-1",
            name(),
            plan.planned().plan().id(),
            plan.planned().plan().targets().get(0),
            plan.planned().type().id(),
            Map.of(),
            clock.millis());
    journal.record(f);
    calls.add("inject " + f.experimentType() + " " + f.target());
    active = true;
    injectedAtMs = clock.millis();
    return f;
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    return active ? FaultStatus.active("flag") : new FaultStatus(FaultStatus.State.ENDED, "");
  }

  @Override
  public void revert(InjectedFault fault, FaultJournal journal) {
    calls.add("revert " + fault.id());
    if (failRevert != null) {
      throw failRevert;
    }
    active = false;
    revertedAtMs = clock.millis();
    journal.remove(fault.id());
  }

  @Override
  public boolean verifyReverted(InjectedFault fault) {
    return !active;
  }
}
