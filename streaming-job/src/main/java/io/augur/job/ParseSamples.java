package io.augur.job;

import io.augur.domain.DeadLetter;
import io.augur.domain.MetricSample;
import io.augur.ingest.PrometheusJson;
import io.augur.job.types.Types;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Raw adapter-JSON records to {@link MetricSample}s. A record that fails to parse or validate goes
 * to {@link #DEAD_LETTERS} with the reason; the job keeps running.
 */
public class ParseSamples extends ProcessFunction<String, MetricSample> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", Types.DEAD_LETTER) {
        private static final long serialVersionUID = 1L;
      };

  /** Accumulator names the job reports when it finishes. */
  public static final String SAMPLES = "samples";

  public static final String DEAD = "dead-letters";

  private transient org.apache.flink.api.common.accumulators.LongCounter samples;
  private transient org.apache.flink.api.common.accumulators.LongCounter dead;
  private transient io.augur.job.metrics.AugurMetrics metrics;

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
    samples = new org.apache.flink.api.common.accumulators.LongCounter();
    dead = new org.apache.flink.api.common.accumulators.LongCounter();
    getRuntimeContext().addAccumulator(SAMPLES, samples);
    getRuntimeContext().addAccumulator(DEAD, dead);
    metrics = io.augur.job.metrics.AugurMetrics.register(getRuntimeContext().getMetricGroup(), 0);
  }

  @Override
  public void processElement(String raw, Context ctx, Collector<MetricSample> out) {
    PrometheusJson.ParseResult r = PrometheusJson.parse(raw);
    if (r.ok()) {
      samples.add(1);
      metrics.sampleIn();
      out.collect(r.sample());
    } else {
      long now = ctx.timestamp() == null ? System.currentTimeMillis() : ctx.timestamp();
      dead.add(1);
      metrics.deadLetter("parse");
      ctx.output(
          DEAD_LETTERS, new DeadLetter("parse", raw, "InvalidSample", r.error(), Math.max(0, now)));
    }
  }
}
