package io.augur.job;

import io.augur.domain.DeadLetter;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.MetricSample;
import io.augur.job.skeleton.SkeletonScoringFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Augur's pipeline: samples -> event-time watermarks -> keyBy component -> score -> alerts -> sinks,
 * with every record that fails validation routed to the dead-letter sink with its reason.
 *
 * <p>The job takes its input and its sinks as arguments, so the demo, tests and production wire
 * different ones around the same graph.
 */
public final class AugurJob {

  /** Where samples come from: a stream of parsed samples and the dead letters of parsing them. */
  public interface Input {
    Inputs open(StreamExecutionEnvironment env);
  }

  /** The opened input. */
  public record Inputs(DataStream<MetricSample> samples, DataStream<DeadLetter> deadLetters) {
    /** Parses raw adapter-JSON lines; bad lines become dead letters. */
    public static Inputs fromRawJson(DataStream<String> raw) {
      SingleOutputStreamOperator<MetricSample> parsed = raw.process(new ParseSamples()).name("parse samples");
      return new Inputs(parsed, parsed.getSideOutput(ParseSamples.DEAD_LETTERS));
    }
  }

  /** Where results go; predictions are optional (they are one record per component per step). */
  public record Outputs(List<Sink<FailureAlert>> alerts, Sink<DeadLetter> deadLetters, Sink<FailurePrediction> predictions) {
    public Outputs {
      alerts = List.copyOf(alerts);
      Objects.requireNonNull(deadLetters, "deadLetters");
    }
  }

  private final Input input;
  private final Outputs outputs;
  private final JobSettings settings;

  public AugurJob(Input input, Outputs outputs, JobSettings settings) {
    this.input = Objects.requireNonNull(input, "input");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Adds the pipeline to {@code env}; returns the alert stream (for tests that want more). */
  public DataStream<FailureAlert> build(StreamExecutionEnvironment env) {
    Inputs in = input.open(env);
    WatermarkStrategy<MetricSample> wm = WatermarkStrategy
        .<MetricSample>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((s, previous) -> s.timestampMs())
        .withIdleness(Duration.ofSeconds(30));
    DataStream<MetricSample> samples = in.samples().assignTimestampsAndWatermarks(wm).name("event time");

    List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
    deadLetters.add(in.deadLetters());

    SingleOutputStreamOperator<FailurePrediction> predictions = samples
        .keyBy(componentKey(settings.componentLabels()))
        .process(new SkeletonScoringFunction(settings.metrics(), settings.componentLabels()))
        .returns(Types.PREDICTION)
        .name("score components");

    DataStream<FailureAlert> alerts = predictions
        .keyBy((KeySelector<FailurePrediction, String>) FailurePrediction::component)
        .process(new AlertFunction(settings.mediumAt(), settings.highAbove(), settings.hysteresis(), settings.alertForSteps()))
        .returns(Types.ALERT)
        .name("alerts");

    for (Sink<FailureAlert> sink : outputs.alerts()) {
      alerts.sinkTo(sink).setParallelism(1).name("alerts sink");
    }
    if (outputs.predictions() != null) {
      predictions.sinkTo(outputs.predictions()).setParallelism(1).name("predictions sink");
    }
    DataStream<DeadLetter> allDead = deadLetters.get(0);
    for (int i = 1; i < deadLetters.size(); i++) {
      allDead = allDead.union(deadLetters.get(i));
    }
    allDead.sinkTo(outputs.deadLetters()).setParallelism(1).name("dead letters sink");
    return alerts;
  }

  /** The component a sample belongs to: its component labels' values joined by '/'. */
  public static KeySelector<MetricSample, String> componentKey(List<String> labels) {
    List<String> names = List.copyOf(labels);
    return s -> componentOf(s, names);
  }

  public static String componentOf(MetricSample s, List<String> labels) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(s.labels().getOrDefault(labels.get(i), ""));
    }
    return sb.toString();
  }
}
