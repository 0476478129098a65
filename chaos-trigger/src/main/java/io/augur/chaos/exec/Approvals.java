package io.augur.chaos.exec;

import java.util.Optional;

/**
 * Human approvals the engine consults before running a plan the gates say needs one. The durable
 * store (a directory queue, {@code augur chaos approve}) implements it; an approval names a person
 * on the configured approvers list and expires.
 */
@FunctionalInterface
public interface Approvals {
  /**
   * Who approved plan {@code planId}, if an approval is in force at {@code nowMs}; empty when there
   * is none, it expired, or its approver is no longer on the approvers list.
   */
  Optional<String> approver(String planId, long nowMs);

  /** No approvals at all: a plan that needs one is refused. */
  static Approvals none() {
    return (id, now) -> Optional.empty();
  }
}
