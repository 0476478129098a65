package io.augur.chaos.approval;

import io.augur.chaos.approval.ApprovalRefusedException.Why;
import io.augur.chaos.exec.Approvals;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.safety.GateDecision;
import io.augur.chaos.safety.SafetyGates;
import io.augur.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A durable directory queue of plans waiting for a person: {@code pending/<planId>.yaml} (the plan
 * in full, why it waits, since when) and {@code approved/<planId>.yaml} (plus approver, time and
 * expiry). Submitting and approving hold a lock on {@code .lock}, so two approvers cannot race. An
 * approval is in force until the earlier of the expiry written with it and {@code approvedAt + ttl}
 * of this queue (shortening the ttl shortens approvals already given), not before it was given, and
 * only while its approver is still on the approvers list. Unreadable files count as absent for
 * {@link #approver}: the queue fails closed.
 */
public final class ApprovalQueue implements Approvals {
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Approvers approvers;
  private final Duration ttl;
  private final Clock clock;

  public ApprovalQueue(Path dir, Approvers approvers, Duration ttl, Clock clock) {
    this.dir = Checks.nonNull("dir", dir).toAbsolutePath().normalize();
    this.approvers = Checks.nonNull("approvers", approvers);
    this.ttl = Checks.nonNull("ttl", ttl);
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be > 0, got " + ttl);
    }
    this.clock = Checks.nonNull("clock", clock);
  }

  public Path dir() {
    return dir;
  }

  public Approvers approvers() {
    return approvers;
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * Puts a plan in the queue, with why it needs a person. Submitting a plan again keeps its first
   * submission time and takes the new reasons.
   *
   * @return the pending file
   * @throws IllegalStateException when the plan was already approved (in force or expired)
   */
  public Path submit(PlannedExperiment planned, List<String> reasons) {
    Checks.nonNull("planned", planned);
    String id = fileId(planned.plan().id());
    return locked(
        () -> {
          Optional<Approval> a = readApproval(id);
          if (a.isPresent()) {
            throw new IllegalStateException(
                "plan "
                    + id
                    + " was already approved by "
                    + a.get().approver()
                    + " at "
                    + a.get().approvedAt()
                    + " ("
                    + approvedFile(id)
                    + "); plan it again for a new id");
          }
          Instant since =
              quietly(() -> readPending(id)).map(PendingPlan::submittedAt).orElse(clock.instant());
          Path f = pendingFile(id);
          AtomicFiles.write(f, PendingPlanCodec.write(new PendingPlan(planned, since, reasons)));
          return f;
        });
  }

  /**
   * {@code name} approves plan {@code planId}: only a name on the approvers list, and only when
   * every gate, re-run now with fresh health and {@code name} as the approver, approves it. The
   * approval expires after the ttl.
   *
   * @throws ApprovalRefusedException saying why; the plan then stays pending
   */
  public Approval approve(String planId, String name, SafetyGates gates)
      throws ApprovalRefusedException {
    Checks.nonNull("gates", gates);
    if (!approvers.contains(name)) {
      throw new ApprovalRefusedException(
          Why.NOT_AN_APPROVER,
          "\"" + name + "\" is not an approver; approvers are " + approvers,
          List.of());
    }
    if (planId == null || !ID.matcher(planId).matches()) {
      throw new ApprovalRefusedException(
          Why.UNKNOWN_ID, "no plan \"" + planId + "\" in " + dir, List.of());
    }
    return lockedChecked(() -> approveLocked(planId, name, gates));
  }

  private Approval approveLocked(String id, String name, SafetyGates gates)
      throws ApprovalRefusedException {
    Optional<Approval> given =
        readApproval(id); // first: a crash may have left the pending file beside it
    if (given.isPresent()) {
      Approval a = given.get();
      delete(pendingFile(id));
      if (!clock.instant().isBefore(expiry(a))) {
        throw new ApprovalRefusedException(
            Why.EXPIRED,
            "the approval of "
                + id
                + " by "
                + a.approver()
                + " expired at "
                + expiry(a)
                + "; an expired plan is not approved again: plan it anew",
            List.of());
      }
      throw new ApprovalRefusedException(
          Why.ALREADY_APPROVED,
          id
              + " is already approved by "
              + a.approver()
              + " until "
              + expiry(a)
              + (approvers.contains(a.approver())
                  ? ""
                  : " (but " + a.approver() + " is no longer an approver, so it is not in force)"),
          List.of());
    }
    Optional<PendingPlan> p = readPending(id);
    if (p.isEmpty()) {
      throw new ApprovalRefusedException(
          Why.UNKNOWN_ID,
          "no plan "
              + id
              + " waits in "
              + dir.resolve("pending")
              + "; waiting: "
              + pending().stream().filter(w -> !w.isExpired()).map(Waiting::planId).toList(),
          List.of());
    }
    GateDecision d = gates.review(p.get().planned(), name);
    if (d.status() != GateDecision.Status.APPROVED) {
      throw new ApprovalRefusedException(
          Why.REFUSED_BY_GATE,
          "the gates now refuse " + id + " (" + d.status() + "): " + String.join("; ", d.reasons()),
          d.reasons());
    }
    Instant now = clock.instant();
    Approval a = new Approval(p.get().planned(), name, now, now.plus(ttl), p.get().reasons());
    write(approvedFile(id), PendingPlanCodec.write(a));
    delete(pendingFile(id));
    return a;
  }

  @Override
  public Optional<String> approver(String planId, long nowMs) {
    return inForce(planId, nowMs).map(Approval::approver);
  }

  /**
   * Who approved exactly this plan: like {@link #approver} but also requires the plan to equal the
   * one that was approved, so an approval never carries over to a different plan under the same id.
   */
  public Optional<String> approverOf(PlannedExperiment planned, long nowMs) {
    Checks.nonNull("planned", planned);
    return inForce(planned.plan().id(), nowMs)
        .filter(a -> a.planned().equals(planned))
        .map(Approval::approver);
  }

  /**
   * The approval of {@code planId} if it is in force at {@code nowMs}, with the plan exactly as it
   * was approved.
   */
  public Optional<Approval> inForce(String planId, long nowMs) {
    if (planId == null || !ID.matcher(planId).matches()) {
      return Optional.empty();
    }
    Optional<Approval> a;
    try {
      a = readApproval(planId);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return Optional.empty(); // unreadable: no approval
    }
    return a.filter(x -> x.planId().equals(planId) && inForce(x, Instant.ofEpochMilli(nowMs)));
  }

  /**
   * Every plan waiting for a person, every approval that expired, and (when this queue has
   * approvers) every approval whose approver left the list; oldest first. Unreadable files are left
   * out here and reported by {@link #unreadable}.
   */
  public List<Waiting> pending() {
    Instant now = clock.instant();
    List<Waiting> out = new ArrayList<>();
    for (String id : ids(dir.resolve("pending"))) {
      if (Files.exists(approvedFile(id))) {
        continue; // approved; the pending file is what a crash between the two writes left
      }
      quietly(() -> readPending(id))
          .ifPresent(
              p ->
                  out.add(
                      new Waiting(
                          p.planned(),
                          p.submittedAt(),
                          Duration.between(p.submittedAt(), now),
                          p.reasons(),
                          Waiting.State.PENDING,
                          null)));
    }
    for (String id : ids(dir.resolve("approved"))) {
      quietly(() -> readApproval(id))
          .ifPresent(
              a -> {
                Waiting.State state =
                    !now.isBefore(expiry(a))
                        ? Waiting.State.EXPIRED
                        : !approvers.names().isEmpty() && !approvers.contains(a.approver())
                            ? Waiting.State.APPROVER_REMOVED
                            : null;
                if (state != null) {
                  out.add(
                      new Waiting(
                          a.planned(),
                          a.approvedAt(),
                          Duration.between(a.approvedAt(), now),
                          a.reasons(),
                          state,
                          a));
                }
              });
    }
    out.sort(Comparator.comparing(Waiting::since).thenComparing(Waiting::planId));
    return out;
  }

  /** Every approval in force now. */
  public List<Approval> approved() {
    Instant now = clock.instant();
    List<Approval> out = new ArrayList<>();
    for (String id : ids(dir.resolve("approved"))) {
      quietly(() -> readApproval(id)).filter(a -> inForce(a, now)).ifPresent(out::add);
    }
    return out;
  }

  /** Queue files that cannot be read, each with why: they count as absent everywhere else. */
  public List<String> unreadable() {
    List<String> out = new ArrayList<>();
    for (String id : ids(dir.resolve("pending"))) {
      try {
        readPending(id);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        out.add(e.getMessage());
      }
    }
    for (String id : ids(dir.resolve("approved"))) {
      try {
        readApproval(id);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  private static <T> Optional<T> quietly(java.util.function.Supplier<Optional<T>> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * Listed approver, and {@code approvedAt <= now < expiry}: an approval dated in the future is not
   * in force yet.
   */
  private boolean inForce(Approval a, Instant now) {
    return approvers.contains(a.approver())
        && !now.isBefore(a.approvedAt())
        && now.isBefore(expiry(a));
  }

  private Instant expiry(Approval a) {
    Instant byTtl = a.approvedAt().plus(ttl);
    return byTtl.isBefore(a.expiresAt()) ? byTtl : a.expiresAt();
  }

  private Path pendingFile(String id) {
    return dir.resolve("pending").resolve(id + ".yaml");
  }

  private Path approvedFile(String id) {
    return dir.resolve("approved").resolve(id + ".yaml");
  }

  private static String fileId(String id) {
    if (!ID.matcher(id).matches() || id.contains("..")) {
      throw new IllegalArgumentException(
          "plan id must be a file-safe name ([A-Za-z0-9][A-Za-z0-9._-]*), got \"" + id + "\"");
    }
    return id;
  }

  private Optional<PendingPlan> readPending(String id) {
    return read(pendingFile(id))
        .map(b -> PendingPlanCodec.readPending(b, pendingFile(id).toString()));
  }

  private Optional<Approval> readApproval(String id) {
    return read(approvedFile(id))
        .map(b -> PendingPlanCodec.readApproval(b, approvedFile(id).toString()));
  }

  private static Optional<byte[]> read(Path f) {
    try {
      return Optional.of(Files.readAllBytes(f));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }

  private static List<String> ids(Path sub) {
    if (!Files.isDirectory(sub)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(sub)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.startsWith("."))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .filter(n -> ID.matcher(n).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sub, e);
    }
  }

  private static void write(Path f, byte[] b) {
    try {
      AtomicFiles.write(f, b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }

  private static void delete(Path f) {
    try {
      AtomicFiles.delete(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + f, e);
    }
  }

  private interface LockedWork<T, E extends Exception> {
    T run() throws IOException, E;
  }

  private <T> T locked(LockedWork<T, RuntimeException> work) {
    return lockedChecked(work);
  }

  /**
   * Runs {@code work} holding this JVM's monitor for the directory and the {@code .lock} file
   * (other processes).
   */
  private <T, E extends Exception> T lockedChecked(LockedWork<T, E> work) throws E {
    synchronized (MONITORS.computeIfAbsent(dir, d -> new Object())) {
      try {
        Files.createDirectories(dir);
        try (FileChannel ch =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          FileLock lock = ch.lock();
          try {
            return work.run();
          } finally {
            lock.release();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot use the approval queue " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
