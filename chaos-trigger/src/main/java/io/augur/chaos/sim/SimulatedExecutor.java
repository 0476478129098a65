package io.augur.chaos.sim;

import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.Checks;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects faults into a {@link SimulatedFleet}: the executor the demo and {@code loop simulate}
 * drive through the real {@link io.augur.chaos.exec.ExperimentEngine}, so plans pass the same gates
 * and outcomes land in the same outcome log as on a cluster. A fault hits the service the plan
 * selects ({@code app}); whether it breaches the SLO is drawn from the service's hidden fragility
 * for the plan's fault type when it is injected. Journalled before it is applied, like every
 * executor.
 */
public final class SimulatedExecutor implements Executor {
  public static final String NAME = "simulated";

  private final SimulatedFleet fleet;
  private final Clock clock;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicLong injected = new AtomicLong();
  private final AtomicLong breaches = new AtomicLong();

  public SimulatedExecutor(SimulatedFleet fleet, Clock clock) {
    this.fleet = Checks.nonNull("fleet", fleet);
    this.clock = Checks.nonNull("clock", clock);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> unsupported(ApprovedPlan plan) {
    var planned = plan.planned();
    if (!planned.plan().namespace().equals(fleet.namespace())) {
      return Optional.of(
          "namespace "
              + planned.plan().namespace()
              + " is not the simulated fleet's ("
              + fleet.namespace()
              + ")");
    }
    String app = planned.selection().labels().get("app");
    if (app == null || fleet.service(app) == null) {
      return Optional.of(
          "no service "
              + app
              + " in the simulated fleet (it has "
              + fleet.services().stream().map(SimulatedFleet.Service::name).toList()
              + ")");
    }
    return Optional.empty();
  }

  @Override
  public InjectedFault inject(ApprovedPlan plan, FaultJournal journal) {
    var p = plan.planned();
    String service = p.selection().labels().get("app");
    InjectedFault f =
        new InjectedFault(
            p.plan().id() + "-" + NAME + "-" + seq.incrementAndGet(),
            NAME,
            p.plan().id(),
            p.plan().targets().get(0),
            p.type().id(),
            Map.of("service", service, "namespace", fleet.namespace()),
            clock.millis());
    journal.record(f);
    injected.incrementAndGet();
    if (fleet.activate(f.id(), service, p.type().id())) {
      breaches.incrementAndGet();
    }
    return f;
  }

  @Override
  public FaultStatus status(InjectedFault fault) {
    return fleet.isActive(fault.id())
        ? FaultStatus.active(
            "simulated " + fault.experimentType() + " on " + fault.handle().get("service"))
        : new FaultStatus(FaultStatus.State.ENDED, "not in effect");
  }

  @Override
  public void revert(InjectedFault fault, FaultJournal journal) {
    fleet.deactivate(fault.id());
    journal.remove(fault.id());
  }

  @Override
  public boolean verifyReverted(InjectedFault fault) {
    return !fleet.isActive(fault.id());
  }

  /** Faults injected so far. */
  public long injected() {
    return injected.get();
  }

  /** Of those, how many breached their service's SLO (for scoring, never shown to a planner). */
  public long breaches() {
    return breaches.get();
  }
}
