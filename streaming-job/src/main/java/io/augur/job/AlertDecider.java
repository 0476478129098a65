package io.augur.job;

import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a component's stream of predictions into alert transitions, with hysteresis so an alert
 * does not flap: it fires after {@code forSteps} consecutive predictions at or above the medium
 * threshold, re-fires when its severity rises, and resolves once the probability falls below the
 * medium threshold minus {@code hysteresis}. Pure Java; the Flink function keeps {@link State}.
 */
public final class AlertDecider {
  public static final String ALERT_NAME = "AugurPredictedFailure";

  private final double mediumAt;
  private final double highAbove;
  private final double hysteresis;
  private final int forSteps;

  public AlertDecider(double mediumAt, double highAbove, double hysteresis, int forSteps) {
    if (!(mediumAt > 0 && mediumAt < 1) || !(highAbove >= mediumAt && highAbove < 1)) {
      throw new IllegalArgumentException("need 0 < mediumAt <= highAbove < 1, got " + mediumAt + ", " + highAbove);
    }
    if (!(hysteresis >= 0 && hysteresis < mediumAt)) {
      throw new IllegalArgumentException("hysteresis must be within [0, mediumAt), got " + hysteresis);
    }
    if (forSteps < 1) {
      throw new IllegalArgumentException("forSteps must be >= 1, got " + forSteps);
    }
    this.mediumAt = mediumAt;
    this.highAbove = highAbove;
    this.hysteresis = hysteresis;
    this.forSteps = forSteps;
  }

  public static AlertDecider defaults() {
    return new AlertDecider(Severity.DEFAULT_MEDIUM_AT, Severity.DEFAULT_HIGH_ABOVE, 0.1, 2);
  }

  /** Per-component alert state (a Flink POJO). */
  public static class State {
    public int above;
    public String severity;
    public long startsAtMs;

    public State() {}
  }

  public Optional<FailureAlert> decide(State s, FailurePrediction p) {
    Severity sev = Severity.of(p.probability(), mediumAt, highAbove);
    boolean active = s.severity != null;
    if (sev != Severity.NONE) {
      s.above++;
      if (!active && s.above >= forSteps) {
        s.severity = sev.name();
        s.startsAtMs = p.timestampMs();
        return Optional.of(alert(p, sev, AlertState.FIRING, s.startsAtMs, null));
      }
      if (active && sev == Severity.HIGH && !Severity.HIGH.name().equals(s.severity)) {
        s.severity = sev.name();
        return Optional.of(alert(p, sev, AlertState.FIRING, s.startsAtMs, null));
      }
      return Optional.empty();
    }
    s.above = 0;
    if (active && p.probability() < mediumAt - hysteresis) {
      Severity was = Severity.valueOf(s.severity);
      s.severity = null;
      return Optional.of(alert(p, was, AlertState.RESOLVED, s.startsAtMs, p.timestampMs()));
    }
    return Optional.empty();
  }

  static FailureAlert alert(FailurePrediction p, Severity sev, AlertState state, long startsAt, Long endsAt) {
    Map<String, String> labels = new LinkedHashMap<>(p.componentLabels());
    labels.put("alertname", ALERT_NAME);
    labels.put("severity", sev.name().toLowerCase(java.util.Locale.ROOT));
    labels.put("component", p.component());
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("summary", "Predicted " + p.failureMode() + " on " + p.component());
    ann.put("description", String.format(java.util.Locale.ROOT,
        "Failure probability %.2f (%s) from model %s", p.probability(), sev.name().toLowerCase(java.util.Locale.ROOT),
        p.modelVersion()));
    ann.put("probability", String.format(java.util.Locale.ROOT, "%.4f", p.probability()));
    if (p.predictedFailureTimeMs() != null) {
      ann.put("predicted_failure_time", java.time.Instant.ofEpochMilli(p.predictedFailureTimeMs()).toString());
    }
    ann.put("recommended_actions", String.join("; ", p.recommendedActions()));
    ann.put("top_features", p.contributingFeatures().stream()
        .map(c -> c.feature() + String.format(java.util.Locale.ROOT, "=%.2f", c.weight()))
        .collect(Collectors.joining(", ")));
    return new FailureAlert(ALERT_NAME, p.component(), labels, ann, sev, state, startsAt, endsAt, p);
  }
}
