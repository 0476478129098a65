package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.MetricSample;
import io.augur.job.ingest.IngestEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.junit.jupiter.api.Test;

/** The source's window logic and checkpointed position, without Flink's runtime or a server. */
class RemoteReadSplitReaderTest {
  static final AtomicLong NOW = new AtomicLong();
  static final List<LabelMatcher> M = List.of(LabelMatcher.eq("job", "x"));

  /** A fake Prometheus holding 2 series with a sample every second from t=0. */
  static List<RemoteSeries> store(ReadQuery q) {
    List<RemoteSeries> out = new ArrayList<>();
    for (String inst : List.of("a", "b")) {
      List<Long> ts = new ArrayList<>();
      for (long t = (q.startMs() + 999) / 1000 * 1000;
          t <= q.endMs() && t <= NOW.get();
          t += 1000) {
        ts.add(t);
      }
      out.add(
          new RemoteSeries(
              Map.of("__name__", "m", "job", "x", "instance", inst),
              ts.stream().mapToLong(Long::longValue).toArray(),
              ts.stream().mapToDouble(t -> t / 1000.0).toArray()));
    }
    return out;
  }

  private static RemoteReadSourceConfig config(long end) {
    return new RemoteReadSourceConfig(
        "http://127.0.0.1:1/api/v1/read",
        HttpSettings.defaults(),
        true,
        List.of(M),
        0,
        end,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        NOW::get);
  }

  /** Collects what the emitter lets out. */
  static final class Out implements SourceOutput<IngestEvent> {
    final List<IngestEvent> events = new ArrayList<>();

    @Override
    public void collect(IngestEvent e) {
      events.add(e);
    }

    @Override
    public void collect(IngestEvent e, long ts) {
      events.add(e);
    }

    @Override
    public void emitWatermark(Watermark w) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    List<String> samples() {
      return events.stream()
          .filter(IngestEvent::isSample)
          .map(e -> e.sample().labels().get("instance") + "@" + e.sample().timestampMs())
          .toList();
    }
  }

  private static List<RemoteReadElement> drain(RecordsWithSplitIds<RemoteReadElement> r) {
    List<RemoteReadElement> out = new ArrayList<>();
    while (r.nextSplit() != null) {
      for (RemoteReadElement e; (e = r.nextRecordFromSplit()) != null; ) {
        out.add(e);
      }
    }
    return out;
  }

  /** Fetches without the idle wait (time is the injected clock here). */
  private static RecordsWithSplitIds<RemoteReadElement> fetch(RemoteReadSplitReader sr) {
    sr.wakeUp();
    return sr.fetch();
  }

  private static RemoteReadSplitReader reader(
      RemoteReadSourceConfig c, RemoteReadSplitReader.Reader r, RemoteReadSplit split) {
    RemoteReadSplitReader sr =
        new RemoteReadSplitReader(c, r, RandomGenerator.of("L64X128MixRandom"));
    sr.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
    return sr;
  }

  @Test
  void shouldReadStepsUpToTheLaggingEdgeAndContinueAsTimePasses() {
    NOW.set(30_000);
    RemoteReadSourceConfig c = config(Long.MAX_VALUE);
    RemoteReadSplit split = PrometheusRemoteReadSource.initialSplits(c).get(0);
    RemoteReadSplitReader sr = reader(c, RemoteReadSplitReaderTest::store, split);
    RemoteReadSplitState state = new RemoteReadSplitState(split);
    RemoteReadRecordEmitter emitter = new RemoteReadRecordEmitter();
    Out out = new Out();
    for (int i = 0; i < 5; i++) {
      for (RemoteReadElement e : drain(fetch(sr))) {
        emitter.emitRecord(e, out, state);
      }
    }
    // windows [0,9999], [10000,19999], [20000,25000]: the edge is now - lag = 25 s
    assertEquals(52, out.samples().size());
    assertEquals(25_001, state.toSplit().nextStartMs());
    NOW.set(60_000);
    for (int i = 0; i < 5; i++) {
      for (RemoteReadElement e : drain(fetch(sr))) {
        emitter.emitRecord(e, out, state);
      }
    }
    assertEquals(2 * 56, out.samples().size(), "t = 0..55 s, two series, each exactly once");
    assertEquals(out.samples().size(), out.samples().stream().distinct().count());
  }

  @Test
  void shouldResumeMidWindowWithoutGapOrDuplicate() throws Exception {
    NOW.set(100_000);
    RemoteReadSourceConfig c = config(49_999);
    RemoteReadSplit split = PrometheusRemoteReadSource.initialSplits(c).get(0);
    // the uninterrupted run
    Out whole = new Out();
    RemoteReadSplitState s0 = new RemoteReadSplitState(split);
    RemoteReadSplitReader r0 = reader(c, RemoteReadSplitReaderTest::store, split);
    for (int i = 0; i < 10; i++) {
      for (RemoteReadElement e : drain(fetch(r0))) {
        new RemoteReadRecordEmitter().emitRecord(e, whole, s0);
      }
    }
    assertEquals(100, whole.samples().size());
    // a run checkpointed after 7 records of the second window, then restored in a new reader
    Out first = new Out();
    RemoteReadSplitState s1 = new RemoteReadSplitState(split);
    RemoteReadSplitReader r1 = reader(c, RemoteReadSplitReaderTest::store, split);
    for (RemoteReadElement e : drain(fetch(r1))) {
      new RemoteReadRecordEmitter().emitRecord(e, first, s1);
    }
    List<RemoteReadElement> second = drain(fetch(r1));
    for (int i = 0; i < 7; i++) {
      new RemoteReadRecordEmitter().emitRecord(second.get(i), first, s1);
    }
    RemoteReadSplit checkpointed =
        new RemoteReadSerializers.Splits()
            .deserialize(1, new RemoteReadSerializers.Splits().serialize(s1.toSplit()));
    assertEquals(new RemoteReadSplit(split.id(), M, 10_000, 19_999, 7), checkpointed);
    RemoteReadSplitState s2 = new RemoteReadSplitState(checkpointed);
    RemoteReadSplitReader r2 = reader(c, RemoteReadSplitReaderTest::store, checkpointed);
    for (int i = 0; i < 10; i++) {
      for (RemoteReadElement e : drain(fetch(r2))) {
        new RemoteReadRecordEmitter().emitRecord(e, first, s2);
      }
    }
    assertEquals(whole.samples(), first.samples());
  }

  @Test
  void shouldRetryWindowAfterServerErrorAndSkipItAfterClientError() {
    NOW.set(100_000);
    RemoteReadSourceConfig c = config(29_999);
    RemoteReadSplit split = PrometheusRemoteReadSource.initialSplits(c).get(0);
    List<String> script = new ArrayList<>(List.of("503", "ok", "400", "ok"));
    RemoteReadSplitReader sr =
        reader(
            c,
            q -> {
              String next = script.remove(0);
              return switch (next) {
                case "503" ->
                    throw new RemoteReadException(
                        RemoteReadException.Kind.SERVER_ERROR, 503, "HTTP 503: down", null);
                case "400" ->
                    throw new RemoteReadException(
                        RemoteReadException.Kind.CLIENT_ERROR, 400, "HTTP 400: bad", null);
                default -> store(q);
              };
            },
            split);
    RemoteReadSplitState state = new RemoteReadSplitState(split);
    Out out = new Out();
    for (int i = 0; i < 8; i++) {
      for (RemoteReadElement e : drain(fetch(sr))) {
        new RemoteReadRecordEmitter().emitRecord(e, out, state);
      }
      NOW.addAndGet(60_000); // let the retry backoff pass
    }
    List<String> dead =
        out.events.stream()
            .filter(e -> !e.isSample())
            .map(e -> e.deadLetter().errorClass() + " " + e.deadLetter().message())
            .toList();
    assertEquals(2, dead.size(), dead.toString());
    assertTrue(
        dead.get(0).contains("SERVER_ERROR") && dead.get(0).contains("read again"), dead.get(0));
    assertTrue(
        dead.get(1).contains("CLIENT_ERROR") && dead.get(1).contains("skipped"), dead.get(1));
    // window [0,9999] read on the retry, [10000,19999] skipped, [20000,29999] read
    assertEquals(40, out.samples().size());
    assertTrue(out.samples().stream().noneMatch(s -> s.endsWith("@15000")));
  }

  @Test
  void shouldTurnInvalidSampleIntoDeadLetterAndKeepGoing() {
    NOW.set(100_000);
    RemoteReadSourceConfig c = config(9_999);
    RemoteReadSplit split = PrometheusRemoteReadSource.initialSplits(c).get(0);
    RemoteReadSplitReader sr =
        reader(
            c,
            q ->
                List.of(
                    new RemoteSeries(
                        Map.of("__name__", "m", "job", "x"),
                        new long[] {1000, 2000, 3000},
                        new double[] {1, Double.NaN, MetricSample.STALE_NAN})),
            split);
    Out out = new Out();
    RemoteReadSplitState state = new RemoteReadSplitState(split);
    for (RemoteReadElement e : drain(fetch(sr))) {
      new RemoteReadRecordEmitter().emitRecord(e, out, state);
    }
    assertEquals(List.of("null@1000", "null@3000"), out.samples());
    IngestEvent bad = out.events.get(1);
    assertEquals(RemoteReadSplitReader.STAGE, bad.deadLetter().stage());
    assertTrue(bad.deadLetter().message().contains("finite"), bad.deadLetter().message());
    assertEquals(10_000, state.toSplit().nextStartMs());
  }
}
