package io.augur.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a component's stream of predictions into alert transitions under an {@link AlertPolicy}: a
 * k-of-n hold to fire (so a dip from a missed scrape does not restart it), a re-firing when
 * severity rises to HIGH, and resolution once fewer than k of the last n steps hold at or above the
 * policy's lower resolve threshold (hysteresis on the hold). The window counts predictions, not
 * wall time: a step that was skipped (a silent component) neither helps nor hurts the hold. Pure
 * Java, so the job, the demo and the evaluations share it; the Flink function ({@code
 * AlertFunction}) keeps {@link State}.
 */
public final class AlertDecider {
  public static final String ALERT_NAME = "AugurPredictedFailure";

  private final AlertPolicy policy;
  private final long windowMask;

  public AlertDecider(AlertPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.windowMask = policy.windowSteps() == 64 ? -1L : (1L << policy.windowSteps()) - 1;
  }

  public static AlertDecider defaults() {
    return new AlertDecider(AlertPolicy.defaults());
  }

  public AlertPolicy policy() {
    return policy;
  }

  /**
   * Per-component alert state (a Flink POJO): the last n steps as bit masks, newest in bit 0, of
   * steps at or above {@code mediumAt} ({@code above}) and at or above the resolve threshold
   * ({@code held}); the active alert's severity (null: none) and start.
   */
  public static class State {
    public long above;
    public long held;
    public String severity;
    public long startsAtMs;

    public State() {}

    /** True when nothing is remembered: the caller may drop the state. */
    public boolean isIdle() {
      return severity == null && above == 0 && held == 0;
    }
  }

  public Optional<FailureAlert> decide(State s, FailurePrediction p) {
    double prob = p.probability();
    Severity sev = policy.severity(prob);
    s.above = ((s.above << 1) | (sev != Severity.NONE ? 1 : 0)) & windowMask;
    s.held = ((s.held << 1) | (prob >= policy.resolveBelow() ? 1 : 0)) & windowMask;
    boolean active = s.severity != null;
    if (!active) {
      if (sev != Severity.NONE && Long.bitCount(s.above) >= policy.holdSteps()) {
        s.severity = sev.name();
        s.startsAtMs = p.timestampMs();
        return Optional.of(alert(p, sev, AlertState.FIRING, s.startsAtMs, null));
      }
      return Optional.empty();
    }
    if (sev == Severity.HIGH && !Severity.HIGH.name().equals(s.severity)) {
      s.severity = sev.name();
      return Optional.of(alert(p, sev, AlertState.FIRING, s.startsAtMs, null));
    }
    if (Long.bitCount(s.held) < policy.holdSteps()) {
      Severity was = Severity.valueOf(s.severity);
      s.severity = null;
      return Optional.of(alert(p, was, AlertState.RESOLVED, s.startsAtMs, p.timestampMs()));
    }
    return Optional.empty();
  }

  static FailureAlert alert(
      FailurePrediction p, Severity sev, AlertState state, long startsAt, Long endsAt) {
    Map<String, String> labels = new LinkedHashMap<>(p.componentLabels());
    labels.put("alertname", ALERT_NAME);
    labels.put("severity", sev.name().toLowerCase(Locale.ROOT));
    labels.put("component", p.component());
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("summary", "Predicted " + p.failureMode() + " on " + p.component());
    ann.put(
        "description",
        String.format(
            Locale.ROOT,
            "Failure probability %.2f (%s) from model %s",
            p.probability(),
            sev.name().toLowerCase(Locale.ROOT),
            p.modelVersion()));
    ann.put("probability", String.format(Locale.ROOT, "%.4f", p.probability()));
    if (p.predictedFailureTimeMs() != null) {
      ann.put(
          "predicted_failure_time", Instant.ofEpochMilli(p.predictedFailureTimeMs()).toString());
    }
    ann.put("recommended_actions", String.join("; ", p.recommendedActions()));
    ann.put(
        "top_features",
        p.contributingFeatures().stream()
            .map(c -> c.feature() + String.format(Locale.ROOT, "=%.2f", c.weight()))
            .collect(Collectors.joining(", ")));
    return new FailureAlert(
        ALERT_NAME, p.component(), labels, ann, sev, state, startsAt, endsAt, p);
  }
}
