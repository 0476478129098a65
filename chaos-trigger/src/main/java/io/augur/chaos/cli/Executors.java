package io.augur.chaos.cli;

import io.augur.chaos.exec.Approvals;
import io.augur.chaos.exec.Executor;
import io.augur.chaos.exec.local.LocalExecutor;
import io.augur.chaos.exec.local.LocalTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The one place {@code augur chaos run} makes its executor and its approvals from the command line.
 * Executors and approval stores built on other branches are wired here, and only here (see the
 * {@code WIRE} comments).
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
   * executor has no dry run (its faults are real, on this machine), so it refuses to start without it.
   */
  static Executor executor(Kind kind, boolean apply, Path localTargets, Clock clock) {
    switch (kind) {
      case local -> {
        if (!apply) {
          throw new UsageException("--executor local has no dry run: its faults are real (signals, stress-ng, "
              + "nftables, tc, the fault proxy) on this machine's processes; give --apply to run them");
        }
        if (localTargets == null) {
          throw new UsageException("--executor local needs --targets FILE: where the plans' targets are on this machine");
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
        // WIRE(h-k8s): return io.augur.chaos.exec.k8s.KubernetesExecutor.fromEnvironment(apply);
        // (and delete the two lines below; RunCommandTest's "not in this build" assertion goes too)
        throw new UsageException("--executor kubernetes is not in this build (the Kubernetes executor, "
            + "io.augur.chaos.exec.k8s, is not merged yet); use --executor local");
      }
      default -> throw new UsageException("unknown executor " + kind);
    }
  }

  /** Approvals from the queue directory, or none (a plan that needs a human is then refused). */
  static Approvals approvals(Path queue, Clock clock) {
    if (queue == null) {
      return Approvals.none();
    }
    // WIRE(h-approvals): return new io.augur.chaos.approval.ApprovalQueue(queue,
    //     io.augur.chaos.approval.Approvers.read(<approvers file, e.g. a new --approvers option>),
    //     io.augur.chaos.approval.ApprovalQueue.DEFAULT_TTL, clock);
    // (RunCommand could then also submit() a plan refused for want of an approval, for augur chaos pending)
    throw new UsageException("--queue is not in this build (the approval queue, io.augur.chaos.approval, is not "
        + "merged yet); without --queue plans that need a human approver are refused");
  }
}
