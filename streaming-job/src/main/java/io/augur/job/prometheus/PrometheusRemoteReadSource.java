package io.augur.job.prometheus;

import io.augur.job.ingest.IngestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source that polls Prometheus remote read in time windows, one split per matcher set,
 * with each split's position (last fully emitted timestamp, and the position inside a window being
 * emitted) in checkpointed split state: no gap and no duplicate across restarts. Emits {@link
 * IngestEvent}s: samples, and dead letters for invalid samples and failed reads; split them with
 * {@link io.augur.job.ingest.IngestSplitter}. Use with {@code WatermarkStrategy.noWatermarks()} and
 * assign event time downstream (the job does), or with a bounded-out-of-orderness strategy.
 *
 * <pre>{@code
 * var source = new PrometheusRemoteReadSource(RemoteReadSourceConfig.continuous(url, sets, startMs));
 * DataStream<IngestEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), "prometheus");
 * }</pre>
 */
public final class PrometheusRemoteReadSource
    implements Source<IngestEvent, RemoteReadSplit, List<RemoteReadSplit>>,
        ResultTypeQueryable<IngestEvent> {
  private static final long serialVersionUID = 1L;

  private final RemoteReadSourceConfig config;

  public PrometheusRemoteReadSource(RemoteReadSourceConfig config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
  }

  /** The initial splits: one per matcher set, id {@code set-<index>:<matchers>}. */
  public static List<RemoteReadSplit> initialSplits(RemoteReadSourceConfig c) {
    List<RemoteReadSplit> out = new ArrayList<>();
    for (int i = 0; i < c.matcherSets().size(); i++) {
      out.add(
          new RemoteReadSplit(
              "set-" + i + ":" + c.matcherSets().get(i),
              c.matcherSets().get(i),
              c.startMs(),
              -1,
              0));
    }
    return out;
  }

  @Override
  public Boundedness getBoundedness() {
    return config.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<RemoteReadSplit, List<RemoteReadSplit>> createEnumerator(
      SplitEnumeratorContext<RemoteReadSplit> ctx) {
    return new RemoteReadEnumerator(ctx, initialSplits(config), config.bounded());
  }

  @Override
  public SplitEnumerator<RemoteReadSplit, List<RemoteReadSplit>> restoreEnumerator(
      SplitEnumeratorContext<RemoteReadSplit> ctx, List<RemoteReadSplit> pending) {
    return new RemoteReadEnumerator(ctx, pending, config.bounded());
  }

  @Override
  public SimpleVersionedSerializer<RemoteReadSplit> getSplitSerializer() {
    return new RemoteReadSerializers.Splits();
  }

  @Override
  public SimpleVersionedSerializer<List<RemoteReadSplit>> getEnumeratorCheckpointSerializer() {
    return new RemoteReadSerializers.EnumState();
  }

  @Override
  public SourceReader<IngestEvent, RemoteReadSplit> createReader(SourceReaderContext ctx) {
    RemoteReadSourceConfig c = config;
    return new RemoteReadSourceReader(
        () -> {
          RemoteReadClient client = new RemoteReadClient(c.readUrl(), c.http(), c.streamed());
          return new RemoteReadSplitReader(
              c, client::read, RandomGenerator.getDefault(), ctx.metricGroup());
        },
        new Configuration(),
        ctx);
  }

  @Override
  public TypeInformation<IngestEvent> getProducedType() {
    return io.augur.job.ingest.IngestEventSerializer.TYPE;
  }
}
