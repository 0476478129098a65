package io.augur.job.alertmanager;

import static io.augur.job.alertmanager.Alerts.firing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.domain.Backoff;
import io.augur.domain.Severity;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {
  static final long T0 = 1_700_000_000_000L;

  @Test
  void shouldBackOffOnlyTheFailingEndpointAndDeliverWhatItMissedLater() throws Exception {
    List<String> good = new ArrayList<>();
    List<String> flaky = new ArrayList<>();
    boolean[] down = {true};
    AlertDispatcher d =
        new AlertDispatcher(
            AlertLifecycle.defaults(""),
            List.of("am-0", "am-1"),
            List.of(
                alerts -> alerts.forEach(a -> good.add(a.labels().get("component"))),
                alerts -> {
                  if (down[0]) {
                    throw new IOException("connection refused");
                  }
                  alerts.forEach(a -> flaky.add(a.labels().get("component")));
                }),
            Backoff.of(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            RandomGenerator.of("L64X128MixRandom"));
    d.offer(firing("a/a:1", Severity.MEDIUM, T0), T0);
    assertEquals(1, d.dispatch(T0));
    d.offer(firing("b/b:1", Severity.HIGH, T0), T0 + 100);
    assertEquals(0, d.dispatch(T0 + 100), "am-1 is still backing off: not tried");
    assertEquals(List.of("a/a:1", "b/b:1"), good);
    long t = T0 + 100;
    int failures = 0;
    for (int i = 0; i < 20; i++) { // a few minutes of outage
      t += 10_000;
      failures += d.dispatch(t);
    }
    assertEquals(List.of(), flaky);
    assertEquals(
        true, failures >= 6 && failures <= 20, "retried with growing delays, failures=" + failures);
    down[0] = false;
    d.dispatch(t + 60_000);
    assertEquals(
        List.of("a/a:1", "b/b:1"),
        flaky.stream().sorted().toList(),
        "everything arrives once it is back");
  }
}
