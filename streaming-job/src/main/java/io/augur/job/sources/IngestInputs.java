package io.augur.job.sources;

import io.augur.job.AugurJob;
import io.augur.job.ingest.IngestEvent;
import io.augur.job.ingest.IngestSplitter;
import io.augur.job.kafka.AugurKafka;
import io.augur.job.prometheus.PrometheusRemoteReadSource;
import io.augur.job.prometheus.RemoteReadSourceConfig;
import io.augur.job.types.Types;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@link AugurJob.Input}s for the real sources: Prometheus remote read and Kafka (adapter JSON).
 * Each source emits {@link IngestEvent}s, split here into the job's samples and dead letters. Event
 * time is assigned by the job downstream, so the sources emit no watermarks.
 */
public final class IngestInputs {
  private IngestInputs() {}

  /** Polls Prometheus remote read (one split per matcher set). */
  public static AugurJob.Input prometheus(RemoteReadSourceConfig config) {
    return env -> {
      DataStream<IngestEvent> events =
          env.fromSource(
                  new PrometheusRemoteReadSource(config),
                  WatermarkStrategy.noWatermarks(),
                  "prometheus remote read")
              .uid("prometheus-remote-read");
      IngestSplitter.Split s = IngestSplitter.split(events, Types.DEAD_LETTER, "prometheus");
      return new AugurJob.Inputs(s.samples(), s.deadLetters());
    };
  }

  /**
   * Reads adapter-JSON samples from Kafka topics (committed offsets of {@code groupId}, earliest
   * when none).
   */
  public static AugurJob.Input kafka(
      String bootstrap, List<String> topics, String groupId, Properties extra) {
    return env -> {
      DataStream<IngestEvent> events =
          env.fromSource(
                  AugurKafka.samples(bootstrap, topics, groupId, extra),
                  WatermarkStrategy.noWatermarks(),
                  "kafka samples")
              .uid("kafka-samples");
      IngestSplitter.Split s = IngestSplitter.split(events, Types.DEAD_LETTER, "kafka");
      return new AugurJob.Inputs(s.samples(), s.deadLetters());
    };
  }
}
