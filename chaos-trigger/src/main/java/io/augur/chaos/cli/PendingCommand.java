package io.augur.chaos.cli;

import io.augur.chaos.approval.ApprovalQueue;
import io.augur.chaos.approval.Waiting;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augur chaos pending}: what waits in the approval queue, and why. */
@Command(
    name = "pending",
    mixinStandardHelpOptions = true,
    description =
        "List the plans waiting for a person's approval (id, target, type, waiting since, why), and the "
            + "approvals that expired.")
public final class PendingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin QueueOptions queue;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description = "listing time (ISO-8601), default now")
  Instant now;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ApprovalQueue q =
          queue.queue(now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC));
      List<Waiting> waiting = q.pending();
      q.unreadable().forEach(u -> err.println("warning: unreadable queue file, ignored: " + u));
      if (waiting.isEmpty()) {
        o.println("nothing waits for approval in " + q.dir());
        return 0;
      }
      o.printf("%-44s %-28s %-18s %-30s %s%n", "id", "target", "type", "waiting since", "why");
      for (Waiting w : waiting) {
        String why =
            switch (w.state()) {
              case PENDING -> String.join("; ", w.reasons());
              case EXPIRED ->
                  "EXPIRED: approved by "
                      + w.approval().approver()
                      + ", expired "
                      + w.approval().expiresAt()
                      + "; plan it again";
              case APPROVER_REMOVED ->
                  "REVOKED: approved by "
                      + w.approval().approver()
                      + ", who is no longer an approver";
            };
        o.printf(
            "%-44s %-28s %-18s %-30s %s%n",
            w.planId(),
            String.join(",", w.planned().plan().targets()),
            w.planned().type().id(),
            w.since().truncatedTo(ChronoUnit.SECONDS) + " (" + age(w.age()) + ")",
            why);
      }
      long pending = waiting.stream().filter(w -> w.state() == Waiting.State.PENDING).count();
      o.printf(
          "%n%d waiting, %d no longer in force, in %s%n",
          pending, waiting.size() - pending, q.dir());
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("chaos pending: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  /** 42s, 7m12s, 3h07m, 2d04h. */
  static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(java.util.Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
  }
}
