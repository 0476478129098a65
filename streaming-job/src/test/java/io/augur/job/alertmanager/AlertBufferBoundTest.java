package io.augur.job.alertmanager;

import static io.augur.job.alertmanager.Alerts.firing;
import static io.augur.job.alertmanager.Alerts.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.Backoff;
import io.augur.domain.Severity;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/**
 * The Alertmanager sink's buffer: its bound, what goes at the bound (oldest resolved first, then
 * oldest active, each counted and logged), and that nothing leaves it during an outage otherwise.
 */
class AlertBufferBoundTest {
  static final long T0 = 1_700_000_000_000L;

  private static AlertLifecycle lifecycle(int max) {
    return new AlertLifecycle(
        Duration.ofSeconds(60), Duration.ofSeconds(240), Duration.ofMinutes(15), max, "");
  }

  private static List<String> components(List<AmAlert> alerts) {
    return alerts.stream().map(a -> a.labels().get("component")).sorted().toList();
  }

  /** Collects WARN lines of {@link AlertLifecycle}'s logger while open. */
  static final class Warnings extends AbstractAppender implements AutoCloseable {
    final List<String> lines = new ArrayList<>();
    private final Logger logger = (Logger) LogManager.getLogger(AlertLifecycle.class);

    Warnings() {
      super("bound-test", null, null, true, Property.EMPTY_ARRAY);
      start();
      logger.addAppender(this);
    }

    @Override
    public synchronized void append(LogEvent event) {
      if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
        lines.add(event.getMessage().getFormattedMessage());
      }
    }

    @Override
    public void close() {
      logger.removeAppender(this);
      stop();
    }
  }

  @Test
  void shouldDropOldestResolvedFirstThenOldestActiveCountingAndLoggingEach() {
    try (Warnings warnings = new Warnings()) {
      AlertLifecycle l = lifecycle(3);
      l.onAlert(resolved("r1/r:1", Severity.MEDIUM, T0, T0 + 1), T0);
      l.onAlert(resolved("r2/r:1", Severity.MEDIUM, T0, T0 + 1), T0 + 1);
      l.onAlert(firing("a/a:1", Severity.MEDIUM, T0), T0 + 2);
      assertEquals(0, l.dropped(), "three fit the bound of three");
      assertEquals(List.of(), warnings.lines);

      l.onAlert(firing("b/b:1", Severity.MEDIUM, T0), T0 + 3);
      assertEquals(1, l.droppedResolved(), "the oldest resolved one goes first");
      assertEquals(1, warnings.lines.size(), "the first drop is logged at once");
      assertTrue(warnings.lines.get(0).contains("r1/r:1"), warnings.lines.get(0));
      assertTrue(warnings.lines.get(0).contains("bound 3"), warnings.lines.get(0));

      l.onAlert(firing("c/c:1", Severity.MEDIUM, T0), T0 + 4);
      assertEquals(2, l.droppedResolved(), "then the next oldest resolved one");
      assertEquals(0, l.resolvedCount());
      l.onAlert(firing("d/d:1", Severity.MEDIUM, T0), T0 + 5);
      assertEquals(1, l.droppedActive(), "no resolved one left: the oldest active goes");
      assertEquals(3, l.dropped());
      assertEquals(List.of("b/b:1", "c/c:1", "d/d:1"), components(l.due(0, T0 + 6)));
      assertEquals(1, warnings.lines.size(), "further drops within a minute are summarised later");

      l.onAlert(firing("e/e:1", Severity.MEDIUM, T0), T0 + 61_000);
      assertEquals(2, warnings.lines.size(), "a minute on, the next drop reports the count");
      String summary = warnings.lines.get(1);
      assertTrue(
          summary.contains("3 dropped since the last report")
              && summary.contains("2 resolved and 2 active dropped in total"),
          summary);
      assertEquals(4, l.dropped());
    }
  }

  @Test
  void shouldKeepAnUndeliveredResolutionPastItsRetentionUntilEveryEndpointTookIt()
      throws Exception {
    AlertLifecycle l = lifecycle(100);
    boolean[] down = {false};
    List<AmAlert> toSecond = new ArrayList<>();
    AlertDispatcher d =
        new AlertDispatcher(
            l,
            List.of("am-0", "am-1"),
            List.of(
                alerts -> {},
                alerts -> {
                  if (down[0]) {
                    throw new IOException("connection refused");
                  }
                  toSecond.addAll(alerts);
                }),
            Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            RandomGenerator.of("L64X128MixRandom"));
    d.offer(firing("a/a:1", Severity.HIGH, T0), T0);
    d.dispatch(T0);
    assertEquals(1, toSecond.size());
    down[0] = true;
    d.offer(resolved("a/a:1", Severity.HIGH, T0, T0 + 10_000), T0 + 10_000);
    long t = T0 + 10_000;
    for (; t < T0 + 40 * 60_000; t += 5_000) { // 40 minutes of outage, retention is 15
      d.dispatch(t);
    }
    assertEquals(1, l.resolvedCount(), "the resolution am-1 has not taken stays buffered");
    assertEquals(0, l.dropped());
    down[0] = false;
    toSecond.clear();
    for (long end = t + 31_000; t <= end; t += 1_000) {
      d.dispatch(t);
    }
    assertEquals(1, toSecond.size(), "am-1 gets it once back: " + toSecond);
    assertEquals(T0 + 10_000, toSecond.get(0).endsAtMs(), "as resolved, with its endsAt");
    d.dispatch(t + 16 * 60_000);
    assertEquals(0, l.resolvedCount(), "taken by both and past the retention: forgotten");
  }

  @Test
  void shouldResendEverythingToAnEndpointThatFailedOnceItAnswers() throws Exception {
    boolean[] down = {false};
    List<List<String>> posts = new ArrayList<>();
    AlertDispatcher d =
        new AlertDispatcher(
            lifecycle(100),
            List.of("am-0"),
            List.of(
                alerts -> {
                  if (down[0]) {
                    throw new IOException("connection refused");
                  }
                  posts.add(components(alerts));
                }),
            Backoff.of(Duration.ofMillis(500), Duration.ofSeconds(2)),
            RandomGenerator.of("L64X128MixRandom"));
    d.offer(firing("a/a:1", Severity.MEDIUM, T0), T0);
    d.dispatch(T0);
    down[0] = true; // Alertmanager restarts: it forgets a
    d.offer(firing("b/b:1", Severity.MEDIUM, T0), T0 + 10_000);
    assertEquals(1, d.dispatch(T0 + 10_000));
    assertEquals(1, d.consecutiveFailures(0));
    down[0] = false;
    for (long t = T0 + 10_000; t <= T0 + 13_000; t += 100) {
      d.dispatch(t);
    }
    assertEquals(
        List.of(List.of("a/a:1"), List.of("a/a:1", "b/b:1")),
        posts,
        "a is re-sent with b although its resend interval has not passed");
    assertEquals(0, d.consecutiveFailures(0));
  }
}
