package io.augur.chaos.approval;

import java.util.List;

/** Why {@link ApprovalQueue#approve} did not approve a plan; the plan stays where it was. */
public final class ApprovalRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal. */
  public enum Why {
    UNKNOWN_ID,
    NOT_AN_APPROVER,
    REFUSED_BY_GATE,
    EXPIRED,
    ALREADY_APPROVED
  }

  private final Why why;
  private final transient List<String> reasons;

  public ApprovalRefusedException(Why why, String message, List<String> reasons) {
    super(message);
    this.why = why;
    this.reasons = List.copyOf(reasons);
  }

  public Why why() {
    return why;
  }

  /** The gates' reasons for REFUSED_BY_GATE, else empty. */
  public List<String> reasons() {
    return reasons;
  }
}
