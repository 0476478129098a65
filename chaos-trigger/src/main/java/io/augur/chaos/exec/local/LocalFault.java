package io.augur.chaos.exec.local;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.FaultParams;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.InjectedFault;
import java.util.Optional;
import java.util.Set;

/**
 * One family of local faults. The {@link LocalExecutor} journals a skeleton {@link InjectedFault}
 * (with {@code handle.fault = name()}) before calling {@link #inject}; the fault records its own
 * handle entries in the journal before (or right after, for a pid) each change it makes, and must
 * undo what it applied if it fails half-way. {@link #revert} must work on a fault read back from
 * the journal by a fresh instance in another process, and be idempotent.
 */
public interface LocalFault {
  /**
   * Stable name stored in the journal ({@code handle.fault}), e.g. {@code signal}, {@code proxy}.
   */
  String name();

  /** The catalogue types this fault can carry out. */
  Set<ExperimentType> types();

  /**
   * Why it cannot run this type on this target here (missing binding, tool or privilege), or empty.
   */
  Optional<String> unsupported(ExperimentType type, LocalTarget target, FaultParams params);

  /** Applies the fault; returns the skeleton with the handle entries it added (also journalled). */
  InjectedFault inject(
      InjectedFault skeleton, LocalTarget target, FaultParams params, FaultJournal journal);

  FaultStatus status(InjectedFault fault);

  /** Undoes the fault; idempotent. Does not touch the journal (the executor removes the entry). */
  void revert(InjectedFault fault);

  /** Whether nothing of the fault remains, checked on the system itself. */
  boolean reverted(InjectedFault fault);
}
