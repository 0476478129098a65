package io.augur.chaos.cli;

import io.augur.chaos.exec.Approvals;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.k8s.KubernetesExecutor;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The one place {@code augur chaos run} makes its executor and its approvals from the command line.
 */
final class Executors {
  private Executors() {}

  /** The executor names {@code --executor} takes. */
  enum Kind {
    local,
    kubernetes
  }

  /** A command line that cannot run as given; {@code augur chaos run} exits 2 with the message. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * The executor for {@code --executor}. Kubernetes dry-runs without {@code apply}; the local
   * executor has no dry run (its faults are real, on this machine), so it refuses to start without
   * it.
   */
  static Executor executor(Kind kind, boolean apply, Path localTargets, Clock clock) {
    switch (kind) {
      case local -> {
        if (!apply) {
          throw new UsageException(
              "--executor local has no dry run: its faults are real (signals, stress-ng, "
                  + "nftables, tc, the fault proxy) on this machine's processes; give --apply to run them");
        }
        if (localTargets == null) {
          throw new UsageException(
              "--executor local needs --targets FILE: where the plans' targets are on this machine");
        }
        if (!Files.isRegularFile(localTargets)) {
          throw new UsageException("--targets " + localTargets + " is not a file");
        }
        try {
          return LocalExecutor.standard(LocalTargets.read(localTargets), clock);
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
      }
      case kubernetes -> {
        if (localTargets != null) {
          throw new UsageException("--targets is for --executor local only");
        }
        return KubernetesExecutor.fromEnvironment(
            apply); // KUBECONFIG, ~/.kube/config or the pod's account
      }
      default -> throw new UsageException("unknown executor " + kind);
    }
  }

  /**
   * Approvals from the queue ({@code --queue}), honoured only for the names on the approvers list
   * ({@code --approvers FILE} or {@code --approver NAME}); without a list, none (a plan that needs
   * a person is then refused).
   */
  static Approvals approvals(QueueOptions queue, Clock clock) {
    return queue.who == null ? Approvals.none() : queue.queue(clock);
  }

  /** One line for the console: where approvals come from. */
  static String describeApprovals(QueueOptions queue) {
    return queue.who == null
        ? "none (give --approvers FILE or --approver NAME to honour the queue " + queue.queue + ")"
        : "queue " + queue.queue + ", approvers " + queue.approvers();
  }
}
