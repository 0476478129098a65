package io.augur.chaos.exec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client that calls a URL in a loop (every {@code pause}, one request at a time) and reports the
 * worst latency of the requests that ended within the last second: what a user of the target sees.
 * A request that fails counts with the time it took until it failed.
 */
final class LatencyProbe implements AutoCloseable {
  private final URI url;
  private final Duration pause;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Deque<long[]> recent = new ArrayDeque<>(); // [end nanos, latency nanos]
  private final Thread thread;
  private volatile boolean running = true;
  private long requests;
  private volatile long inFlightSince = -1;

  LatencyProbe(URI url, Duration pause) {
    this.url = url;
    this.pause = pause;
    this.thread = new Thread(this::loop, "e2e-latency-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      long t0 = System.nanoTime();
      inFlightSince = t0;
      try {
        http.send(
            HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // counted below with its latency
      }
      long t1 = System.nanoTime();
      inFlightSince = -1;
      synchronized (this) {
        recent.addLast(new long[] {t1, t1 - t0});
        requests++;
      }
      try {
        Thread.sleep(
            pause.toMillis()); // the client's own pacing, not a test waiting for time to pass
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Worst latency (seconds) of the requests that ended in the last second, and of the one in flight
   * (so far); 0 when there were none.
   */
  synchronized double worstLastSecond() {
    long now = System.nanoTime();
    while (!recent.isEmpty() && now - recent.peekFirst()[0] > 1_000_000_000L) {
      recent.removeFirst();
    }
    long since = inFlightSince;
    long inFlight = since < 0 ? 0 : now - since;
    return Math.max(inFlight, recent.stream().mapToLong(r -> r[1]).max().orElse(0)) / 1e9;
  }

  synchronized long requests() {
    return requests;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
