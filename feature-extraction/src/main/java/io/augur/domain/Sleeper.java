package io.augur.domain;

import java.time.Duration;

/**
 * Waits between retries or polls; injected so tests do not sleep. The one sleeper every client and
 * loop uses.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration d) throws InterruptedException;
}
