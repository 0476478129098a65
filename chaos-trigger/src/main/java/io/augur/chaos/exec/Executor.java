package io.augur.chaos.exec;

import io.augur.chaos.safety.ApprovedPlan;
import java.util.Optional;

/**
 * Carries out faults. Only an {@link ApprovedPlan} can be injected, so nothing reaches an executor
 * without passing the safety gates. The engine drives every executor through the same life cycle:
 * {@link #unsupported} (before anything is touched), {@link #inject}, {@link #status} while the
 * fault is active, {@link #revert} and {@link #verifyReverted}.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #inject} writes every change it makes to the system into the journal <em>before</em>
 *       making it (or, for an identity known only afterwards, such as a child's pid, immediately
 *       after), so that {@link #revert} can undo it from the journal entry alone, in another
 *       process, after a crash. When inject fails half-way it reverts what it applied before
 *       throwing.
 *   <li>{@link #revert} is idempotent and works on a fault read back from the journal, by a fresh
 *       executor instance; it removes the journal entry only once the fault is gone.
 *   <li>No method blocks for longer than a few seconds; durations are the engine's business.
 * </ul>
 */
public interface Executor extends AutoCloseable {
  /** The name faults are journalled under, e.g. {@code local} or {@code kubernetes}. */
  String name();

  /**
   * Why this executor cannot run the plan (fault type not supported here, target not bound, a tool
   * missing), or empty when it can. Checked before anything is applied.
   */
  Optional<String> unsupported(ApprovedPlan plan);

  /**
   * Applies the plan's fault to its target now.
   *
   * @throws FaultException when the fault could not be applied; anything applied is reverted first
   */
  InjectedFault inject(ApprovedPlan plan, FaultJournal journal);

  /** What the fault is doing now; never throws for an unreachable system (reports UNKNOWN). */
  FaultStatus status(InjectedFault fault);

  /**
   * Undoes the fault and removes its journal entry once it is gone. Safe to call twice and on a
   * fault from a previous process's journal.
   *
   * @throws FaultException when the fault could not be removed (the journal entry stays)
   */
  void revert(InjectedFault fault, FaultJournal journal);

  /**
   * Whether nothing of the fault is left on the system (checked independently of {@link #revert}).
   */
  boolean verifyReverted(InjectedFault fault);

  /** Releases the executor's own resources; faults still active are not reverted here. */
  @Override
  default void close() {}
}
