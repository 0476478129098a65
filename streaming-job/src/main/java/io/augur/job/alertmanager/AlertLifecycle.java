package io.augur.job.alertmanager;

import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *   <li>A resolved alert is forgotten after {@code resolvedRetention} only once every endpoint has
 *       taken it: during an outage of any length it stays in the buffer, so an Alertmanager that
 *       comes back still learns of the resolution (and notifies it, if it had notified the alert as
 *       firing).
 *   <li>The buffer is bounded: at most {@code maxAlerts} entries (active + resolved). Beyond that
 *       the oldest resolved ones go first, then the oldest active ones (Alertmanager then resolves
 *       such an alert by itself when its last {@code endsAt} passes). Each one dropped is counted
 *       ({@link #droppedResolved()}, {@link #droppedActive()}) and logged at WARN (the first drop
 *       at once with its labels, then one summary line per minute while drops go on): never silent.
 * </ul>
 *
 * Sends are tracked per endpoint (an HA pair gets every alert on each member); {@link #forgetSends}
 * makes everything due again for an endpoint that failed (it may have restarted and lost its
 * alerts).
 */
public final class AlertLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(AlertLifecycle.class);
  private static final long DROP_LOG_INTERVAL_MS = 60_000;

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
  private long droppedResolved;
  private long droppedActive;
  private int endpoints = 1;
  private long lastDropLogMs = Long.MIN_VALUE;
  private long dropsSinceLog;

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
    enforceBound(nowMs);
  }

  private void resolve(Entry e, long endsAt, long nowMs) {
    active.values().remove(e);
    e.alert = e.alert.withEndsAt(endsAt);
    e.version++;
    e.sentAt.clear();
    e.sentAt.put(-1, nowMs); // retention runs on the wall clock, endsAt may be event time
    resolved.add(e);
  }

  private void enforceBound(long nowMs) {
    while (active.size() + resolved.size() > maxAlerts) {
      Entry gone;
      boolean wasResolved = !resolved.isEmpty();
      if (wasResolved) {
        gone = resolved.remove(0);
        droppedResolved++;
      } else {
        Iterator<Map.Entry<String, Entry>> it = active.entrySet().iterator();
        gone = it.next().getValue();
        it.remove();
        droppedActive++;
      }
      dropsSinceLog++;
      if (lastDropLogMs == Long.MIN_VALUE || nowMs - lastDropLogMs >= DROP_LOG_INTERVAL_MS) {
        LOG.warn(
            "Alert buffer full (bound {} alerts): dropped the oldest {} alert {}; {} dropped since"
                + " the last report, {} resolved and {} active dropped in total"
                + " (metric alertmanagerDroppedAlerts)",
            maxAlerts,
            wasResolved ? "resolved" : "active (no resolved one left)",
            gone.alert.labels(),
            dropsSinceLog,
            droppedResolved,
            droppedActive);
        lastDropLogMs = nowMs;
        dropsSinceLog = 0;
      }
    }
  }

  /**
   * How many endpoints deliver this lifecycle's alerts (the dispatcher sets it): a resolved alert
   * is only forgotten after its retention once each of them has taken it.
   */
  void endpoints(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one endpoint, got " + n);
    }
    this.endpoints = n;
  }

  /**
   * Forgets every send to {@code endpoint}: all active and retained resolved alerts are due to it
   * again. The dispatcher calls this when a post fails, since an endpoint that was unreachable may
   * have restarted and lost what it had (Alertmanager keeps alerts in memory only).
   */
  public void forgetSends(int endpoint) {
    for (Entry e : active.values()) {
      e.sentAt.remove(endpoint);
    }
    for (Entry e : resolved) {
      e.sentAt.remove(endpoint);
    }
  }

  private boolean takenByAll(Entry e) {
    for (int i = 0; i < endpoints; i++) {
      if (!e.sentAt.containsKey(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The alerts endpoint {@code endpoint} should get now, as sent: firing ones with {@code endsAt =
   * now + validFor}. Also forgets resolved alerts older than the retention that every endpoint has
   * taken.
   */
  public List<AmAlert> due(int endpoint, long nowMs) {
    resolved.removeIf(
        e ->
            nowMs - e.sentAt.getOrDefault(-1, nowMs) > resolvedRetention.toMillis()
                && takenByAll(e));
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

  /** Alerts dropped at the bound so far (resolved + active). */
  public long dropped() {
    return droppedResolved + droppedActive;
  }

  /** Resolved alerts dropped at the bound (they go first). */
  public long droppedResolved() {
    return droppedResolved;
  }

  /** Active alerts dropped at the bound (only when no resolved one was left). */
  public long droppedActive() {
    return droppedActive;
  }

  /** The buffer's bound (active + resolved alerts). */
  public int maxAlerts() {
    return maxAlerts;
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
    enforceBound(nowMs);
  }
}
