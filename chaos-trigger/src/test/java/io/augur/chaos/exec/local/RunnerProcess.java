package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import io.augur.chaos.safety.ApprovedPlan;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A runner that injects one local fault, says so, and then waits to be SIGKILLed, so a test can
 * check what the next start finds in the journal. Arguments: {@code JOURNAL_DIR cpu-spike} or
 * {@code JOURNAL_DIR pod-failure PID}.
 */
public final class RunnerProcess {
  private RunnerProcess() {}

  public static void main(String[] a) throws Exception {
    ExperimentType type = ExperimentType.fromId(a[1]);
    ApprovedPlan plan =
        HostFaultPlans.approved(
            type,
            30,
            type == ExperimentType.CPU_SPIKE ? Map.of("workers", "1", "load", "20") : Map.of());
    Long pid = a.length > 2 ? Long.parseLong(a[2]) : null;
    LocalTarget t =
        new LocalTarget(
            HostFaultPlans.target(plan), pid, null, List.of(), null, null, null, null, null);
    InjectedFault f =
        LocalExecutor.standard(new LocalTargets(List.of(t)), Clock.systemUTC())
            .inject(plan, new FaultJournal(Path.of(a[0])));
    System.out.println("injected " + f.id());
    System.out.flush();
    for (int i = 0; i < 600; i++) {
      Thread.sleep(1000); // until the test SIGKILLs this JVM (bounded: ten minutes)
    }
  }
}
