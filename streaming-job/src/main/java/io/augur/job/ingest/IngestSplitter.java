package io.augur.job.ingest;

import io.augur.domain.DeadLetter;
import io.augur.domain.MetricSample;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Separates a source's {@link IngestEvent}s into samples and dead letters (a side output). */
public final class IngestSplitter extends ProcessFunction<IngestEvent, MetricSample> {
  private static final long serialVersionUID = 1L;

  /** The two streams after the split. */
  public record Split(DataStream<MetricSample> samples, DataStream<DeadLetter> deadLetters) {}

  private final OutputTag<DeadLetter> tag;

  public IngestSplitter(OutputTag<DeadLetter> tag) {
    this.tag = tag;
  }

  /**
   * Splits {@code events}; dead letters use {@code deadLetterType} (the job's, e.g. its JSON type
   * info).
   */
  public static Split split(
      DataStream<IngestEvent> events, TypeInformation<DeadLetter> deadLetterType, String name) {
    OutputTag<DeadLetter> tag = new OutputTag<>(name + "-dead-letters", deadLetterType);
    SingleOutputStreamOperator<MetricSample> samples =
        events
            .process(new IngestSplitter(tag))
            .returns(io.augur.job.features.FeatureTypes.METRIC_SAMPLE)
            .name(name + " split");
    return new Split(samples, samples.getSideOutput(tag));
  }

  @Override
  public void processElement(IngestEvent e, Context ctx, Collector<MetricSample> out) {
    if (e.isSample()) {
      out.collect(e.sample());
    } else {
      ctx.output(tag, e.deadLetter());
    }
  }
}
