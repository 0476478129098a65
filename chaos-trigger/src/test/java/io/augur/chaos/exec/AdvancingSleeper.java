package io.augur.chaos.exec;

import io.augur.chaos.Fixtures.MutableClock;
import io.augur.domain.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sleeper that moves a {@link MutableClock} instead of waiting, running the actions scheduled for
 * the instants it passes (in order, with the clock set to each). Like {@code Thread.sleep} it
 * throws when the thread is interrupted, at the instant of the interrupt.
 */
final class AdvancingSleeper implements Sleeper {
  final List<Duration> sleeps = new ArrayList<>();
  private final MutableClock clock;
  private final TreeMap<Instant, List<Runnable>> actions = new TreeMap<>();

  AdvancingSleeper(MutableClock clock) {
    this.clock = clock;
  }

  /** Runs {@code action} when a sleep passes {@code t}. */
  AdvancingSleeper at(Instant t, Runnable action) {
    actions.computeIfAbsent(t, k -> new ArrayList<>()).add(action);
    return this;
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    sleeps.add(d);
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping");
    }
    Instant until = clock.instant().plus(d);
    while (!actions.isEmpty() && !actions.firstKey().isAfter(until)) {
      Map.Entry<Instant, List<Runnable>> e = actions.pollFirstEntry();
      if (e.getKey().isAfter(clock.instant())) {
        clock.set(e.getKey());
      }
      e.getValue().forEach(Runnable::run);
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while sleeping");
      }
    }
    clock.set(until);
  }

  Duration total() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
