package io.augur.chaos.safety;

import io.augur.domain.Checks;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * What the gates enforce. Blast radius is the share of the system's pods an experiment touches
 * (collateral included); the limit is {@code min(maxImpact, maxShare)}. {@code maxShare} is the
 * hard cap of 5% of traffic or pods and can only be raised with {@code shareOverride = true}, i.e.
 * explicitly.
 *
 * @param approvalAbove a blast radius above this needs a named human approver
 * @param windows when any experiment may run (empty: any time)
 * @param criticalWindows when critical experiments (destructive ones, or those needing approval)
 *     may run
 * @param maxDuration the longest fault allowed
 */
public record SafetyPolicy(
    NamespaceAllowlist allowlist,
    double maxImpact,
    double maxShare,
    boolean shareOverride,
    double approvalAbove,
    List<TimeWindow> windows,
    List<TimeWindow> criticalWindows,
    List<AbortCondition> abortConditions,
    Duration maxDuration) {

  public static final double HARD_SHARE_CAP = 0.05;
  public static final double DEFAULT_MAX_IMPACT = 0.1;
  public static final double DEFAULT_APPROVAL_ABOVE = 0.02;

  public SafetyPolicy {
    Checks.nonNull("allowlist", allowlist);
    if (!(maxImpact > 0 && maxImpact <= 1)) {
      throw new IllegalArgumentException("maxImpact must be within (0, 1], got " + maxImpact);
    }
    if (!(maxShare > 0 && maxShare <= 1)) {
      throw new IllegalArgumentException("maxShare must be within (0, 1], got " + maxShare);
    }
    if (maxShare > HARD_SHARE_CAP && !shareOverride) {
      throw new IllegalArgumentException(
          "maxShare "
              + maxShare
              + " is above the "
              + HARD_SHARE_CAP
              + " hard cap; set shareOverride explicitly to allow it");
    }
    Checks.probability("approvalAbove", approvalAbove);
    windows = List.copyOf(Checks.noNullElements("windows", windows));
    criticalWindows = List.copyOf(Checks.noNullElements("criticalWindows", criticalWindows));
    abortConditions = List.copyOf(Checks.noNullElements("abortConditions", abortConditions));
    if (abortConditions.isEmpty()) {
      throw new IllegalArgumentException(
          "abortConditions must not be empty: every experiment needs a way to stop");
    }
    Checks.nonNull("maxDuration", maxDuration);
    if (maxDuration.isZero() || maxDuration.isNegative()) {
      throw new IllegalArgumentException("maxDuration must be > 0, got " + maxDuration);
    }
  }

  /**
   * Defaults for the given namespaces: max impact 0.1, 5% cap, approval above 2%, any time for
   * ordinary experiments, business hours (Mon-Fri 09-17 UTC) for critical ones, default abort
   * conditions, 10 minutes at most.
   */
  public static SafetyPolicy defaults(Set<String> namespaces) {
    return new SafetyPolicy(
        new NamespaceAllowlist(namespaces),
        DEFAULT_MAX_IMPACT,
        HARD_SHARE_CAP,
        false,
        DEFAULT_APPROVAL_ABOVE,
        List.of(),
        List.of(TimeWindow.businessHours(ZoneOffset.UTC)),
        AbortCondition.defaults(),
        Duration.ofMinutes(10));
  }

  /** The largest blast radius allowed: {@code min(maxImpact, maxShare)}. */
  public double blastLimit() {
    return Math.min(maxImpact, maxShare);
  }

  public SafetyPolicy withWindows(List<TimeWindow> w, List<TimeWindow> critical) {
    return new SafetyPolicy(
        allowlist,
        maxImpact,
        maxShare,
        shareOverride,
        approvalAbove,
        w,
        critical,
        abortConditions,
        maxDuration);
  }

  public SafetyPolicy withAbortConditions(List<AbortCondition> conditions) {
    return new SafetyPolicy(
        allowlist,
        maxImpact,
        maxShare,
        shareOverride,
        approvalAbove,
        windows,
        criticalWindows,
        conditions,
        maxDuration);
  }

  public SafetyPolicy withLimits(double impact, double share, boolean override, double approval) {
    return new SafetyPolicy(
        allowlist,
        impact,
        share,
        override,
        approval,
        windows,
        criticalWindows,
        abortConditions,
        maxDuration);
  }
}
