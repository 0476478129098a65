package io.augur.chaos.exec;

import io.augur.chaos.safety.ApprovedPlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An executor whose "fault" is a flag: it records every call (with the clock's time) and fails on
 * demand, so the engine's life cycle can be checked call by call.
 */
final class TestExecutor implements Executor {
  final List<String> calls = new ArrayList<>();
  final List<Long> revertCallsAtMs = new ArrayList<>();
  private final String name;
  private final Clock clock;
  volatile boolean active;
  String unsupported;
  boolean failInject;
  boolean failRevert;
  FaultStatus.State state = FaultStatus.State.ACTIVE;
  Runnable onInject = () -> {};
  Runnable onRevert = () -> {};

  TestExecutor(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized Optional<String> unsupported(ApprovedPlan plan) {
    calls.add("unsupported");
    return Optional.ofNullable(unsupported);
  }

  @Override
  public InjectedFault inject(ApprovedPlan plan, FaultJournal journal) {
    synchronized (this) {
      calls.add("inject " + plan.planned().plan().id() + " approved by " + plan.approvedBy());
    }
    String id = plan.planned().plan().id();
    InjectedFault f =
        new InjectedFault(
            id + "-" + name + "-flag",
            name,
            id,
            plan.planned().plan().targets().get(0),
            plan.planned().type().id(),
            Map.of("flag", "on"),
            clock.millis());
    journal.record(f);
    if (failInject) {
      active =
          false; // the partial work undone, as the contract asks; the journal entry is left for the
      // engine
      throw new FaultException("test executor told to fail inject of " + id);
    }
    active = true;
    onInject.run();
    return f;
  }

  @Override
  public synchronized FaultStatus status(InjectedFault fault) {
    calls.add("status");
    return new FaultStatus(state, "test state " + state);
  }

  @Override
  public void revert(InjectedFault fault, FaultJournal journal) {
    synchronized (this) {
      calls.add("revert " + fault.id());
      revertCallsAtMs.add(clock.millis());
    }
    if (failRevert) {
      throw new FaultException("test executor told to fail revert of " + fault.id());
    }
    active = false;
    journal.remove(fault.id());
    onRevert.run();
  }

  @Override
  public synchronized boolean verifyReverted(InjectedFault fault) {
    calls.add("verify " + fault.id());
    return !active;
  }

  synchronized long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }
}
