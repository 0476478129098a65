package io.augur.job.alertmanager;

import io.augur.domain.Backoff;
import io.augur.domain.FailureAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers an {@link AlertLifecycle}'s alerts to every configured Alertmanager (an HA pair gets
 * each alert on each member, as Prometheus does). Each endpoint has its own backoff with jitter; a
 * failing endpoint holds nothing back from the others, and what it missed stays due until it takes
 * it. After a failed post everything the buffer holds is sent to that endpoint again once it
 * answers (an Alertmanager keeps alerts in memory only, so one that restarted has lost them).
 * Retries go on forever, with delays up to the backoff's maximum; the buffer ({@link
 * AlertLifecycle}) is bounded, oldest resolved alerts dropped first, counted and logged. Pure Java:
 * the caller passes the time and calls {@link #dispatch} periodically.
 */
public final class AlertDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  /** Posts to one endpoint. */
  @FunctionalInterface
  public interface Poster {
    void post(List<AmAlert> alerts) throws Exception;
  }

  private static final class Endpoint {
    final String name;
    final Poster poster;
    int failures;
    long nextAttemptMs;
    long delivered;
    long failed;
    String lastError = "";

    Endpoint(String name, Poster poster) {
      this.name = name;
      this.poster = poster;
    }
  }

  private final AlertLifecycle lifecycle;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final Backoff backoff;
  private final RandomGenerator random;

  public AlertDispatcher(
      AlertLifecycle lifecycle,
      List<String> names,
      List<Poster> posters,
      Backoff backoff,
      RandomGenerator random) {
    if (names.isEmpty() || names.size() != posters.size()) {
      throw new IllegalArgumentException(
          "need one poster per endpoint name and at least one, got "
              + names
              + " and "
              + posters.size());
    }
    this.lifecycle = lifecycle;
    lifecycle.endpoints(names.size());
    for (int i = 0; i < names.size(); i++) {
      endpoints.add(new Endpoint(names.get(i), posters.get(i)));
    }
    this.backoff = backoff;
    this.random = random;
  }

  public AlertLifecycle lifecycle() {
    return lifecycle;
  }

  public void offer(FailureAlert alert, long nowMs) {
    lifecycle.onAlert(alert, nowMs);
  }

  /** Sends what is due to each endpoint whose backoff has passed; returns how many posts failed. */
  public int dispatch(long nowMs) throws InterruptedException {
    int failures = 0;
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint ep = endpoints.get(i);
      if (nowMs < ep.nextAttemptMs) {
        continue;
      }
      List<AmAlert> due = lifecycle.due(i, nowMs);
      if (due.isEmpty()) {
        continue;
      }
      try {
        ep.poster.post(due);
        lifecycle.markSent(i, nowMs);
        ep.delivered += due.size();
        if (ep.failures > 0) {
          LOG.info(
              "Alertmanager {} reachable again after {} failed attempts", ep.name, ep.failures);
        }
        ep.failures = 0;
        ep.nextAttemptMs = 0;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        failures++;
        if (ep.failures == 0) {
          // it may come back restarted, without the alerts it had: give it everything then
          lifecycle.forgetSends(i);
        }
        ep.failures++;
        ep.failed++;
        ep.lastError = String.valueOf(e.getMessage());
        ep.nextAttemptMs = nowMs + backoff.delay(Math.min(ep.failures, 30), random).toMillis();
        LOG.warn(
            "Alertmanager {}: {} alert(s) not delivered (attempt {}), retry in {} ms: {}",
            ep.name,
            due.size(),
            ep.failures,
            ep.nextAttemptMs - nowMs,
            e.getMessage());
      }
    }
    return failures;
  }

  /** Alerts delivered to endpoint {@code i} so far (counting re-sends). */
  public long delivered(int i) {
    return endpoints.get(i).delivered;
  }

  public long failedPosts(int i) {
    return endpoints.get(i).failed;
  }

  public String lastError(int i) {
    return endpoints.get(i).lastError;
  }

  /** Consecutive failed posts to endpoint {@code i} (0 while it is reachable). */
  public int consecutiveFailures(int i) {
    return endpoints.get(i).failures;
  }
}
