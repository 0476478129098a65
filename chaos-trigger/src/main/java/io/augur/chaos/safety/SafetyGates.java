package io.augur.chaos.safety;

import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every gate on every plan; the only source of {@link ApprovedPlan}s. Nothing in a plan can
 * switch a gate off: blast radius is recomputed from the rollout steps (and the plan's own claim is
 * checked too), the namespace is checked against the allowlist and {@code kube-*}, the policy's
 * abort conditions must all be among the plan's rollback triggers, and health is read fresh on
 * every round.
 */
public final class SafetyGates {
  public static final String POLICY = "policy";

  private final SafetyPolicy policy;
  private final HealthGate health;
  private final List<PreflightCheck> preflight;
  private final Clock clock;

  public SafetyGates(
      SafetyPolicy policy, HealthGate health, List<PreflightCheck> preflight, Clock clock) {
    this.policy = Checks.nonNull("policy", policy);
    this.health = Checks.nonNull("health", health);
    this.preflight = List.copyOf(Checks.noNullElements("preflight", preflight));
    this.clock = Checks.nonNull("clock", clock);
  }

  public SafetyPolicy policy() {
    return policy;
  }

  public GateDecision evaluate(PlannedExperiment planned) {
    return evaluateAll(List.of(planned)).get(0);
  }

  /** Reads health once, then judges each plan. */
  public List<GateDecision> evaluateAll(List<PlannedExperiment> plans) {
    Checks.noNullElements("plans", plans);
    HealthReport report = health.assess();
    List<GateDecision> out = new ArrayList<>();
    for (PlannedExperiment p : plans) {
      out.add(judge(p, report, null));
    }
    return out;
  }

  /**
   * A human approves a plan that needed approval; every other gate is re-run with fresh health.
   *
   * @throws IllegalStateException naming the reasons when the plan does not pass
   */
  public ApprovedPlan approve(PlannedExperiment planned, String approver) {
    GateDecision d = review(planned, approver);
    if (d.status() != GateDecision.Status.APPROVED) {
      throw new IllegalStateException(
          "plan " + planned.plan().id() + " is " + d.status() + ": " + d.reasons());
    }
    return d.approvedPlan();
  }

  /**
   * What {@link #approve} decides, as a decision instead of an exception: every gate re-run with
   * fresh health and {@code approver} as the human who accepts what needs one.
   */
  public GateDecision review(PlannedExperiment planned, String approver) {
    Checks.nonNull("planned", planned);
    Checks.nonBlank("approver", approver);
    if (POLICY.equals(approver)) {
      throw new IllegalArgumentException("approver must name a person, got \"" + approver + "\"");
    }
    return judge(planned, health.assess(), approver);
  }

  private GateDecision judge(PlannedExperiment p, HealthReport report, String approver) {
    ExperimentPlan plan = p.plan();
    long now = clock.millis();
    List<String> rejected = new ArrayList<>();
    if (!policy.allowlist().allows(plan.namespace())) {
      rejected.add(
          NamespaceAllowlist.isForbidden(plan.namespace())
              ? "namespace " + plan.namespace() + " is never a target"
              : "namespace " + plan.namespace() + " is not on the allowlist " + policy.allowlist());
    }
    double limit = policy.blastLimit();
    double blast = Math.max(plan.blastRadius(), p.maxBlastRadius());
    for (RolloutStep s : p.rollout()) {
      double b = p.stepBlastRadius(s);
      if (b > limit) {
        rejected.add(
            String.format(
                Locale.ROOT,
                "rollout step %s%s touches %d pods (+%d downstream) of %d: blast radius %.4f > limit %.4f",
                s.mode(),
                s.value() == null ? "" : " " + s.value() + "%",
                s.podsHit(),
                p.affectedComponents(),
                p.selection().systemPods(),
                b,
                limit));
      }
    }
    if (plan.blastRadius() > limit) {
      rejected.add(
          String.format(
              Locale.ROOT, "plan blast radius %.4f > limit %.4f", plan.blastRadius(), limit));
    }
    if (plan.durationSeconds() > policy.maxDuration().toSeconds()) {
      rejected.add(
          "duration "
              + plan.durationSeconds()
              + "s > maximum "
              + policy.maxDuration().toSeconds()
              + "s");
    }
    for (AbortCondition c : policy.abortConditions()) {
      if (!plan.rollbackTriggers().contains(c.trigger())) {
        rejected.add("abort condition missing from rollback triggers: " + c.name());
      }
    }
    if (!rejected.isEmpty()) {
      return new GateDecision(GateDecision.Status.REJECTED, rejected, p, report, null);
    }
    List<String> deferred = new ArrayList<>();
    if (!report.ok()) {
      deferred.add(
          Double.isNaN(report.health())
              ? "system health unknown"
              : String.format(
                  Locale.ROOT, "system health %.2f < %.2f", report.health(), report.threshold()));
      deferred.addAll(report.problems());
    }
    List<String> failedChecks = new ArrayList<>();
    List<String> acceptable = new ArrayList<>(); // pre-flight findings a named human may accept
    for (PreflightCheck c : preflight) {
      PreflightCheck.Finding f = c.find(p, now);
      if (f != null) {
        (f.humanMayAccept() ? acceptable : failedChecks).add(f.reason());
      }
    }
    boolean blastNeedsApproval = plan.requiresApproval() || blast > policy.approvalAbove();
    boolean needsApproval = blastNeedsApproval || !acceptable.isEmpty();
    boolean critical = needsApproval || p.type().destructive();
    Instant t = Instant.ofEpochMilli(now);
    if (!policy.windows().isEmpty() && policy.windows().stream().noneMatch(w -> w.contains(t))) {
      deferred.add(t + " is outside the allowed windows " + policy.windows());
    }
    if (critical
        && !policy.criticalWindows().isEmpty()
        && policy.criticalWindows().stream().noneMatch(w -> w.contains(t))) {
      deferred.add(
          t + " is outside the windows for critical experiments " + policy.criticalWindows());
    }
    deferred.addAll(failedChecks);
    if (!deferred.isEmpty()) {
      return new GateDecision(GateDecision.Status.DEFERRED, deferred, p, report, null);
    }
    if (needsApproval && approver == null) {
      List<String> why = new ArrayList<>();
      if (blastNeedsApproval) {
        why.add(
            String.format(
                Locale.ROOT,
                "blast radius %.4f > %.4f needs a human approver",
                blast,
                policy.approvalAbove()));
      }
      why.addAll(acceptable);
      return new GateDecision(GateDecision.Status.NEEDS_APPROVAL, why, p, report, null);
    }
    String by = needsApproval ? approver : POLICY;
    List<String> why = new ArrayList<>(List.of("approved by " + by));
    acceptable.forEach(a -> why.add("accepted by " + by + ": " + a));
    return new GateDecision(
        GateDecision.Status.APPROVED,
        why,
        p,
        report,
        new ApprovedPlan(p, by, now, report.health()));
  }
}
