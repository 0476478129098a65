package io.augur.job.alertmanager;

import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Alertmanager must hear about, per component, and when: the sender's half of Prometheus'
 * alerting contract, pure Java and driven by the caller's clock.
 *
 * <ul>
 *   <li>A FIRING alert becomes active; it is sent at once and again every {@code resendInterval}
 *       with {@code endsAt = now + validFor}, so Alertmanager resolves it by itself if Augur stops.
 *   <li>A RESOLVED alert (the decider resolves once the probability falls below the threshold minus
 *       the hysteresis) is sent with its {@code endsAt}, and re-sent for {@code resolvedRetention}
 *       so a receiver that was down still learns of it.
 *   <li>A FIRING alert with new labels (severity rising) resolves the previous one at that time.
 *   <li>At most {@code maxAlerts} entries are kept; beyond that the oldest resolved ones go first,
 *       then the oldest active, and each one dropped is counted.
 * </ul>
 *
 * Sends are tracked per endpoint (an HA pair gets every alert on each member).
 */
public final class AlertLifecycle {

  /** One tracked alert with its last successful send per endpoint. */
  public static final class Entry {
    AmAlert alert;
    final Map<Integer, Long> sentAt = new LinkedHashMap<>();
    long version;

    Entry(AmAlert alert) {
      this.alert = alert;
    }

    public AmAlert alert() {
      return alert;
    }

    boolean resolved() {
      return alert.endsAtMs() != null;
    }
  }

  private final Duration resendInterval;
  private final Duration validFor;
  private final Duration resolvedRetention;
  private final int maxAlerts;
  private final String generatorBase;
  private final Map<String, Entry> active = new LinkedHashMap<>();
  private final List<Entry> resolved = new ArrayList<>();
  private long dropped;

  public AlertLifecycle(
      Duration resendInterval,
      Duration validFor,
      Duration resolvedRetention,
      int maxAlerts,
      String generatorBase) {
    if (resendInterval == null || resendInterval.isZero() || resendInterval.isNegative()) {
      throw new IllegalArgumentException("resendInterval must be > 0, got " + resendInterval);
    }
    if (validFor == null || validFor.compareTo(resendInterval) <= 0) {
      throw new IllegalArgumentException(
          "validFor must exceed resendInterval " + resendInterval + ", got " + validFor);
    }
    if (resolvedRetention == null || resolvedRetention.isNegative()) {
      throw new IllegalArgumentException(
          "resolvedRetention must be >= 0, got " + resolvedRetention);
    }
    if (maxAlerts < 1) {
      throw new IllegalArgumentException("maxAlerts must be >= 1, got " + maxAlerts);
    }
    this.resendInterval = resendInterval;
    this.validFor = validFor;
    this.resolvedRetention = resolvedRetention;
    this.maxAlerts = maxAlerts;
    this.generatorBase = generatorBase;
  }

  /**
   * Prometheus-like defaults: resend every minute, valid 4 minutes, keep resolved 15 minutes, 10k
   * alerts.
   */
  public static AlertLifecycle defaults(String generatorBase) {
    return new AlertLifecycle(
        Duration.ofMinutes(1),
        Duration.ofMinutes(4),
        Duration.ofMinutes(15),
        10_000,
        generatorBase);
  }

  /** Takes a transition from the alert decider. */
  public void onAlert(FailureAlert a, long nowMs) {
    AmAlert am = AmAlert.of(a, generatorBase);
    Entry current = active.get(a.component());
    if (a.state() == AlertState.FIRING) {
      if (current != null && !current.alert.labels().equals(am.labels())) {
        resolve(
            current, Math.max(current.alert.startsAtMs(), Math.min(nowMs, am.startsAtMs())), nowMs);
        current = null;
      }
      if (current == null) {
        current = new Entry(am.withEndsAt(null));
        active.put(a.component(), current);
      } else {
        current.alert = am.withEndsAt(null);
        current.version++;
        current.sentAt.clear();
      }
    } else {
      long ends = a.endsAtMs() == null ? nowMs : a.endsAtMs();
      if (current != null) {
        active.remove(a.component());
        resolve(current, Math.max(current.alert.startsAtMs(), ends), nowMs);
      } else {
        Entry e = new Entry(am.withEndsAt(Math.max(am.startsAtMs(), ends)));
        e.sentAt.put(-1, nowMs); // retention clock
        resolved.add(e);
      }
    }
    enforceBound();
  }

  private void resolve(Entry e, long endsAt, long nowMs) {
    active.values().remove(e);
    e.alert = e.alert.withEndsAt(endsAt);
    e.version++;
    e.sentAt.clear();
    e.sentAt.put(-1, nowMs); // retention runs on the wall clock, endsAt may be event time
    resolved.add(e);
  }

  private void enforceBound() {
    while (active.size() + resolved.size() > maxAlerts) {
      if (!resolved.isEmpty()) {
        resolved.remove(0);
      } else {
        Iterator<String> it = active.keySet().iterator();
        it.next();
        it.remove();
      }
      dropped++;
    }
  }

  /**
   * The alerts endpoint {@code endpoint} should get now, as sent: firing ones with {@code endsAt =
   * now + validFor}. Also forgets resolved alerts older than the retention.
   */
  public List<AmAlert> due(int endpoint, long nowMs) {
    resolved.removeIf(e -> nowMs - e.sentAt.getOrDefault(-1, nowMs) > resolvedRetention.toMillis());
    List<AmAlert> out = new ArrayList<>();
    for (Entry e : active.values()) {
      if (isDue(e, endpoint, nowMs)) {
        out.add(e.alert.withEndsAt(nowMs + validFor.toMillis()));
      }
    }
    for (Entry e : resolved) {
      if (isDue(e, endpoint, nowMs)) {
        out.add(e.alert);
      }
    }
    return out;
  }

  private boolean isDue(Entry e, int endpoint, long nowMs) {
    Long last = e.sentAt.get(endpoint);
    return last == null || nowMs - last >= resendInterval.toMillis();
  }

  /**
   * Records that everything {@link #due} returned for {@code endpoint} at {@code nowMs} was
   * delivered.
   */
  public void markSent(int endpoint, long nowMs) {
    for (Entry e : active.values()) {
      if (isDue(e, endpoint, nowMs)) {
        e.sentAt.put(endpoint, nowMs);
      }
    }
    for (Entry e : resolved) {
      if (isDue(e, endpoint, nowMs)) {
        e.sentAt.put(endpoint, nowMs);
      }
    }
  }

  public int activeCount() {
    return active.size();
  }

  public int resolvedCount() {
    return resolved.size();
  }

  public long dropped() {
    return dropped;
  }

  /** Everything tracked (active first), for checkpointing; endpoints' send marks are not kept. */
  public List<AmAlert> snapshot() {
    List<AmAlert> out = new ArrayList<>();
    active.values().forEach(e -> out.add(e.alert));
    resolved.forEach(e -> out.add(e.alert));
    return out;
  }

  /** Restores from {@link #snapshot()}: everything is re-sent on the next {@link #due}. */
  public void restore(List<AmAlert> alerts, long nowMs) {
    for (AmAlert a : alerts) {
      Entry e = new Entry(a);
      if (a.endsAtMs() == null) {
        active.put(a.labels().getOrDefault("component", a.labels().toString()), e);
      } else {
        e.sentAt.put(-1, nowMs);
        resolved.add(e);
      }
    }
    enforceBound();
  }
}
