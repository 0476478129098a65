package io.augur.chaos.cli;

import io.augur.chaos.approval.ApprovalQueue;
import io.augur.chaos.approval.Approvers;
import io.augur.chaos.requirements.Durations;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the approval queue is, who may approve, and how long an approval lasts. */
final class QueueOptions {
  static final String DEFAULT_QUEUE = "${env:AUGUR_CHAOS_QUEUE:-chaos-queue}";

  @Option(
      names = "--queue",
      paramLabel = "DIR",
      defaultValue = DEFAULT_QUEUE,
      description = "approval queue directory (default $AUGUR_CHAOS_QUEUE, else ./chaos-queue)")
  Path queue;

  static final class Who {
    @Option(
        names = "--approvers",
        paramLabel = "FILE",
        description = "file of approver names, one per line ('#' comments)")
    Path file;

    @Option(
        names = "--approver",
        paramLabel = "NAME",
        description = "an approver's name (repeatable)")
    List<String> names;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Who who;

  @Option(
      names = "--ttl",
      defaultValue = "1h",
      description = "how long an approval lasts (default ${DEFAULT-VALUE})")
  String ttl;

  Approvers approvers() {
    if (who == null) {
      return Approvers.none();
    }
    return who.file != null
        ? Approvers.read(who.file)
        : Approvers.of(who.names, "--approver options");
  }

  ApprovalQueue queue(Clock clock) {
    return new ApprovalQueue(queue, approvers(), Durations.parse("--ttl", ttl), clock);
  }
}
