package io.augur.chaos.cli;

import io.augur.chaos.approval.Approval;
import io.augur.chaos.approval.ApprovalQueue;
import io.augur.chaos.approval.ApprovalRefusedException;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.targeting.ExperimentHistory;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos approve ID --as NAME}: a person approves a waiting plan; every gate is re-run
 * first.
 */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description =
        "Approve a plan waiting in the approval queue, as a person on the approvers list. Every safety gate "
            + "is re-run with fresh health; the approval expires after --ttl. Exit 2 when the id is unknown, the name is "
            + "not an approver, a gate now refuses the plan, or its approval expired.")
public final class ApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "the plan's id, as `augur chaos pending` lists it")
  String id;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "NAME",
      description = "who approves (must be on the approvers list)")
  String name;

  @Mixin QueueOptions queue;

  @Mixin MetricsOptions metrics;

  @Mixin PolicyOptions policy;

  @Option(
      names = "--outcomes",
      paramLabel = "FILE",
      description = "outcome log: no plan on a target with an experiment running")
  Path outcomes;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      hidden = true,
      description =
          "approval time (ISO-8601), for tests; an approval dated later than the real time is not in force before it")
  Instant now;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (queue.who == null) {
        err.println(
            "chaos approve: give the approvers list with --approvers FILE or --approver NAME");
        return 2;
      }
      Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(now, ZoneOffset.UTC);
      MetricsSource health = metrics.source();
      if (health == null) {
        err.println(
            "warning: no --prometheus or --metrics-file: health is unknown and the gates will defer");
        health = new InMemoryMetricsSource();
      }
      SafetyGates gates =
          policy.gates(
              policy.policy(metrics.config()),
              health,
              metrics.config(),
              new ExperimentHistory(Inputs.outcomes(outcomes, err)),
              clock);
      ApprovalQueue q = queue.queue(clock);
      Approval a = q.approve(id, name, gates);
      o.printf(
          "approved %s as %s at %s, until %s (health from %s)%n",
          a.planId(), a.approver(), a.approvedAt(), a.expiresAt(), metrics.describe());
      return 0;
    } catch (ApprovalRefusedException e) {
      err.println(
          "chaos approve: refused ("
              + e.why().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + "): "
              + (e.reasons().isEmpty() ? e.getMessage() : "the gates now refuse " + id + ":"));
      e.reasons().forEach(r -> err.println("    " + r));
      return 2;
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("chaos approve: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }
}
