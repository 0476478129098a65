package io.augur.job.prometheus;

import io.augur.domain.DeadLetter;
import io.augur.domain.MetricSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * Runs in the source's fetcher thread: picks the next split whose next window is due, reads it with
 * remote read, turns the series into samples (invalid ones into dead letters) and ends the batch
 * with a window-done marker. Failures never throw: a retryable one (5xx, timeout, connection)
 * becomes a dead letter and the same window is read again after a backoff; a permanent one (4xx,
 * undecodable body after the client's retries) becomes a dead letter and the window is skipped, so
 * a poisoned range cannot put the job in a failure loop.
 */
final class RemoteReadSplitReader implements SplitReader<RemoteReadElement, RemoteReadSplit> {
  static final String STAGE = "prometheus-remote-read";

  /** The blocking read, {@link RemoteReadClient#read} in production. */
  @FunctionalInterface
  interface Reader {
    List<RemoteSeries> read(ReadQuery q) throws RemoteReadException, InterruptedException;
  }

  private static final class Progress {
    final RemoteReadSplit split;
    long nextStartMs;
    long windowEndMs;
    long skip;
    long notBeforeMs;
    int failures;

    Progress(RemoteReadSplit s) {
      split = s;
      nextStartMs = s.nextStartMs();
      windowEndMs = s.windowEndMs();
      skip = s.emittedInWindow();
    }
  }

  private final RemoteReadSourceConfig config;
  private final Reader reader;
  private final RandomGenerator random;
  private final Map<String, Progress> splits = new LinkedHashMap<>();
  private final Object lock = new Object();
  private int cursor;
  private boolean woken;
  private final Counter windows;
  private final Counter failures;
  private final Counter samples;
  private volatile long lagMs;
  private volatile int consecutiveFailures;

  RemoteReadSplitReader(RemoteReadSourceConfig config, Reader reader, RandomGenerator random) {
    this(config, reader, random, null);
  }

  /**
   * With {@code metrics} (the reader's metric group {@code augur_remote_read}): {@code windows}
   * read, {@code failed_reads}, {@code samples}, {@code lag_ms} (how far behind now the slowest
   * split is) and {@code consecutive_failed_reads} (the longest run of failed reads of one split up
   * to now, 0 once every split reads again: above 0 while Prometheus is unreachable).
   */
  RemoteReadSplitReader(
      RemoteReadSourceConfig config, Reader reader, RandomGenerator random, MetricGroup metrics) {
    this.config = config;
    this.reader = reader;
    this.random = random;
    MetricGroup g =
        metrics == null ? new UnregisteredMetricsGroup() : metrics.addGroup("augur_remote_read");
    this.windows = g.counter("windows");
    this.failures = g.counter("failed_reads");
    this.samples = g.counter("samples");
    g.gauge("lag_ms", () -> lagMs);
    g.gauge("consecutive_failed_reads", () -> consecutiveFailures);
  }

  @Override
  public RecordsWithSplitIds<RemoteReadElement> fetch() {
    RecordsBySplits.Builder<RemoteReadElement> out = new RecordsBySplits.Builder<>();
    long now = config.clock().nowMs();
    List<Progress> order = new ArrayList<>(splits.values());
    long oldest = Long.MAX_VALUE;
    for (Progress p : order) {
      oldest = Math.min(oldest, p.nextStartMs);
    }
    lagMs = order.isEmpty() ? 0 : Math.max(0, now - oldest);
    for (int i = 0; i < order.size(); i++) {
      Progress p = order.get((cursor + i) % order.size());
      if (config.bounded() && p.nextStartMs > config.endMs()) {
        splits.remove(p.split.id());
        out.addFinishedSplit(p.split.id());
        return out.build();
      }
      long end = p.windowEndMs >= 0 ? p.windowEndMs : windowEnd(p.nextStartMs, now);
      if (end >= p.nextStartMs && now >= p.notBeforeMs) {
        cursor = (cursor + i + 1) % Math.max(1, order.size());
        readWindow(p, end, now, out);
        int worst = 0;
        for (Progress q : order) {
          worst = Math.max(worst, q.failures);
        }
        consecutiveFailures = worst;
        return out.build();
      }
    }
    idle(now, order);
    return out.build();
  }

  /** End of the next window: one step, not past the lagging edge nor the configured end. */
  long windowEnd(long start, long now) {
    long stepEnd = satAdd(start, config.step().toMillis() - 1);
    return Math.min(Math.min(stepEnd, now - config.lag().toMillis()), config.endMs());
  }

  private void readWindow(
      Progress p, long end, long now, RecordsBySplits.Builder<RemoteReadElement> out) {
    String id = p.split.id();
    ReadQuery q = new ReadQuery(p.nextStartMs, end, p.split.matchers());
    try {
      List<RemoteSeries> series = reader.read(q);
      long position = 0;
      for (RemoteSeries s : series) {
        for (int i = 0; i < s.size(); i++, position++) {
          if (position < p.skip) {
            continue;
          }
          out.add(id, toElement(s, i, end, now));
        }
      }
      out.add(id, RemoteReadElement.windowDone(end));
      windows.inc();
      samples.inc(Math.max(0, position - p.skip));
      boolean caughtUp = end < satAdd(p.nextStartMs, config.step().toMillis() - 1);
      advance(p, end);
      p.failures = 0;
      p.notBeforeMs = caughtUp ? now + config.pollInterval().toMillis() : 0;
    } catch (RemoteReadException e) {
      failures.inc();
      p.failures++;
      boolean skip = !e.retryable() || e.kind() == RemoteReadException.Kind.MALFORMED;
      String what =
          (skip ? "window skipped" : "window will be read again")
              + " after "
              + e.kind()
              + ": "
              + e.getMessage();
      out.add(
          id,
          RemoteReadElement.readFailure(
              new DeadLetter(
                  STAGE, describe(q), "RemoteReadException." + e.kind(), what, Math.max(0, now))));
      if (skip) {
        out.add(id, RemoteReadElement.windowDone(end));
        advance(p, end);
      } else {
        long wait =
            Math.min(
                config.retryCap().toMillis(),
                config.http().backoff().delay(Math.min(p.failures, 30), random).toMillis() * 4
                    + 100);
        p.notBeforeMs = now + wait;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void advance(Progress p, long end) {
    p.nextStartMs = end + 1;
    p.windowEndMs = -1;
    p.skip = 0;
  }

  private static RemoteReadElement toElement(RemoteSeries s, int i, long windowEnd, long now) {
    Map<String, String> labels = new HashMap<>(s.labels());
    String name = labels.remove("__name__");
    try {
      return RemoteReadElement.sample(
          new MetricSample(name == null ? "" : name, labels, s.timestampAt(i), s.valueAt(i)),
          windowEnd);
    } catch (IllegalArgumentException e) {
      String raw = s.labels() + " @" + s.timestampAt(i) + " = " + s.valueAt(i);
      return RemoteReadElement.badSample(
          new DeadLetter(
              STAGE, raw, e.getClass().getName(), e.getMessage(), Math.max(0, s.timestampAt(i))),
          windowEnd);
    }
  }

  static String describe(ReadQuery q) {
    return q.matchers() + " [" + q.startMs() + ", " + q.endMs() + "]";
  }

  private void idle(long now, List<Progress> order) {
    long waitMs = config.pollInterval().toMillis();
    for (Progress p : order) {
      if (p.notBeforeMs > now) {
        waitMs = Math.min(waitMs, p.notBeforeMs - now);
      }
    }
    synchronized (lock) {
      if (!woken) {
        try {
          lock.wait(Math.max(1, Math.min(waitMs, 1000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      woken = false;
    }
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public void handleSplitsChanges(SplitsChange<RemoteReadSplit> change) {
    for (RemoteReadSplit s : change.splits()) {
      splits.put(s.id(), new Progress(s));
    }
  }

  @Override
  public void wakeUp() {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  @Override
  public void close() {}
}
