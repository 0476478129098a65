package io.augur.job.prometheus;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the remote-read source reads and how.
 *
 * @param readUrl Prometheus' remote-read endpoint (or its base URL)
 * @param http auth, TLS, timeouts and retries of each request
 * @param streamed ask for STREAMED_XOR_CHUNKS first (SAMPLES otherwise)
 * @param matcherSets one split per set; each set is one remote-read query's matchers
 * @param startMs first timestamp to read (inclusive)
 * @param endMs last timestamp to read (inclusive); {@link Long#MAX_VALUE} = never stop (unbounded)
 * @param step width of one read window
 * @param lag how far behind now the source stays, so a window is only read once every scrape in it
 *     has been ingested (at least the scrape interval plus remote-write delay)
 * @param pollInterval how often a caught-up split asks again
 * @param retryCap the longest wait before re-reading a window that failed with a retryable error
 * @param clock wall clock (injected in tests)
 */
public record RemoteReadSourceConfig(
    String readUrl,
    HttpSettings http,
    boolean streamed,
    List<List<LabelMatcher>> matcherSets,
    long startMs,
    long endMs,
    Duration step,
    Duration lag,
    Duration pollInterval,
    Duration retryCap,
    WallClock clock)
    implements Serializable {

  public RemoteReadSourceConfig {
    RemoteReadClient.readUri(readUrl);
    if (http == null || clock == null) {
      throw new IllegalArgumentException("http and clock must not be null");
    }
    if (matcherSets == null || matcherSets.isEmpty()) {
      throw new IllegalArgumentException(
          "matcherSets must hold at least one matcher set, got " + matcherSets);
    }
    List<List<LabelMatcher>> copy = new ArrayList<>();
    for (List<LabelMatcher> set : matcherSets) {
      copy.add(new ReadQuery(0, 0, set).matchers()); // validates the set
    }
    matcherSets = List.copyOf(copy);
    if (startMs < 0 || endMs < startMs) {
      throw new IllegalArgumentException(
          "need 0 <= startMs <= endMs, got " + startMs + ", " + endMs);
    }
    positive("step", step);
    if (lag == null || lag.isNegative()) {
      throw new IllegalArgumentException("lag must be >= 0, got " + lag);
    }
    positive("pollInterval", pollInterval);
    positive("retryCap", retryCap);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0, got " + d);
    }
  }

  /** An unbounded source from {@code startMs} on: 1 min steps, 30 s lag, 5 s polls. */
  public static RemoteReadSourceConfig continuous(
      String readUrl, List<List<LabelMatcher>> matcherSets, long startMs) {
    return new RemoteReadSourceConfig(
        readUrl,
        HttpSettings.defaults(),
        true,
        matcherSets,
        startMs,
        Long.MAX_VALUE,
        Duration.ofMinutes(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        WallClock.SYSTEM);
  }

  public boolean bounded() {
    return endMs != Long.MAX_VALUE;
  }

  public RemoteReadSourceConfig withRange(long start, long end) {
    return new RemoteReadSourceConfig(
        readUrl, http, streamed, matcherSets, start, end, step, lag, pollInterval, retryCap, clock);
  }

  public RemoteReadSourceConfig withTiming(Duration stepD, Duration lagD, Duration poll) {
    return new RemoteReadSourceConfig(
        readUrl, http, streamed, matcherSets, startMs, endMs, stepD, lagD, poll, retryCap, clock);
  }

  public RemoteReadSourceConfig withClock(WallClock c) {
    return new RemoteReadSourceConfig(
        readUrl, http, streamed, matcherSets, startMs, endMs, step, lag, pollInterval, retryCap, c);
  }

  public RemoteReadSourceConfig withHttp(HttpSettings h, boolean stream) {
    return new RemoteReadSourceConfig(
        readUrl, h, stream, matcherSets, startMs, endMs, step, lag, pollInterval, retryCap, clock);
  }
}
