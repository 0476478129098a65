package io.augur.job;

import io.augur.domain.DeadLetter;
import io.augur.domain.ExperimentPlan;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.job.chaos.ChaosInputs;
import io.augur.job.chaos.ChaosTargetFunction;
import io.augur.job.chaos.ChaosTargetSettings;
import io.augur.job.chaos.PlannerInput;
import io.augur.job.chaos.RoundSummary;
import io.augur.job.features.ComponentFeatureFunction;
import io.augur.job.features.ComponentKeySelector;
import io.augur.job.features.FeatureTypes;
import io.augur.job.reload.BundleLoader;
import io.augur.job.reload.ModelControl;
import io.augur.job.reload.ModelReload;
import io.augur.job.scoring.BatchScoringOperator;
import io.augur.job.scoring.ComponentWindowSerializer;
import io.augur.job.scoring.WindowHistoryFunction;
import io.augur.job.skeleton.SkeletonScoringFunction;
import io.augur.job.types.ExplicitTypeInfo;
import io.augur.job.types.Types;
import io.augur.models.ComponentWindow;
import io.augur.models.bundle.BundleException;
import io.augur.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Augur's pipeline: samples -> event-time watermarks -> keyBy component -> score -> alerts ->
 * sinks, with every record that fails validation routed to the dead-letter sink with its reason.
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
      SingleOutputStreamOperator<MetricSample> parsed =
          raw.process(new ParseSamples(), FeatureTypes.METRIC_SAMPLE).name("parse samples");
      return new Inputs(parsed, parsed.getSideOutput(ParseSamples.DEAD_LETTERS));
    }
  }

  /** Where results go; predictions are optional (they are one record per component per step). */
  public record Outputs(
      List<Sink<FailureAlert>> alerts,
      Sink<DeadLetter> deadLetters,
      Sink<FailurePrediction> predictions,
      ChaosTargets chaosTargets) {
    public Outputs {
      alerts = List.copyOf(alerts);
      Objects.requireNonNull(deadLetters, "deadLetters");
    }

    public Outputs(
        List<Sink<FailureAlert>> alerts,
        Sink<DeadLetter> deadLetters,
        Sink<FailurePrediction> predictions) {
      this(alerts, deadLetters, predictions, null);
    }
  }

  /**
   * Approved chaos experiments, planned from the predictions, go to {@code sinks}; the planner also
   * reads replica counts from the samples, health from {@code settings.prometheusUrl} and outcomes
   * from {@code settings.loop().outcomeLog()} (see {@link ChaosInputs}). Build settings from the
   * job's configuration with {@link ChaosTargetSettings#from}.
   */
  public record ChaosTargets(
      ChaosTargetSettings settings,
      List<Sink<ExperimentPlan>> sinks,
      List<Sink<RoundSummary>> rounds) {
    public ChaosTargets {
      Objects.requireNonNull(settings, "settings");
      sinks = List.copyOf(sinks);
      rounds = List.copyOf(rounds);
    }

    /** Plans only; the rounds' summaries ({@link ChaosTargetFunction#ROUNDS}) go nowhere. */
    public ChaosTargets(ChaosTargetSettings settings, List<Sink<ExperimentPlan>> sinks) {
      this(settings, sinks, List.of());
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
    Configuration noKryo = new Configuration();
    noKryo.set(PipelineOptions.GENERIC_TYPES, false); // every type has an explicit serializer
    env.configure(noKryo);
    Inputs in = input.open(env);
    WatermarkStrategy<MetricSample> wm =
        EventTimeWatermarks.strategy(settings.outOfOrderness())
            .withIdleness(Duration.ofSeconds(30));
    // chained to the parser (same parallelism): watermarks travel in-band with the samples they
    // follow
    DataStream<MetricSample> samples =
        in.samples().assignTimestampsAndWatermarks(wm).name("event time");

    List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
    deadLetters.add(in.deadLetters());

    DataStream<FailurePrediction> predictions =
        settings.usesEnsemble()
            ? ensemblePredictions(samples, deadLetters)
            : samples
                .keyBy(
                    new ComponentKeySelector(settings.features()), BasicTypeInfo.STRING_TYPE_INFO)
                .process(
                    new SkeletonScoringFunction(settings.metrics(), settings.componentLabels()))
                .returns(Types.PREDICTION)
                .name("score components (skeleton)");

    DataStream<FailureAlert> alerts =
        predictions
            .keyBy((KeySelector<FailurePrediction, String>) FailurePrediction::component)
            .process(new AlertFunction(settings.alerts()))
            .returns(Types.ALERT)
            .name("alerts");

    for (Sink<FailureAlert> sink : outputs.alerts()) {
      alerts.sinkTo(sink).setParallelism(1).name("alerts sink");
    }
    if (outputs.chaosTargets() != null) {
      ChaosTargetSettings cs = outputs.chaosTargets().settings();
      DataStream<PlannerInput> signals = ChaosInputs.signals(env, samples, cs);
      SingleOutputStreamOperator<ExperimentPlan> plans =
          predictions
              .keyBy((KeySelector<FailurePrediction, Integer>) p -> 0, BasicTypeInfo.INT_TYPE_INFO)
              .connect(
                  signals.keyBy(
                      (KeySelector<PlannerInput, Integer>) p -> 0, BasicTypeInfo.INT_TYPE_INFO))
              .process(new ChaosTargetFunction(cs), Types.PLAN)
              .setParallelism(1)
              .name("chaos targets");
      for (Sink<ExperimentPlan> sink : outputs.chaosTargets().sinks()) {
        plans.sinkTo(sink).setParallelism(1).name("chaos targets sink");
      }
      for (Sink<RoundSummary> sink : outputs.chaosTargets().rounds()) {
        plans
            .getSideOutput(ChaosTargetFunction.ROUNDS)
            .sinkTo(sink)
            .setParallelism(1)
            .name("chaos rounds sink");
      }
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

  /**
   * features -> per-component windows -> batched ensemble scoring; late and over-cap samples are
   * dead-lettered.
   */
  private DataStream<FailurePrediction> ensemblePredictions(
      DataStream<MetricSample> samples, List<DataStream<DeadLetter>> deadLetters) {
    FeatureConfig cfg = settings.features();
    int steps;
    try {
      steps = ModelBundle.load(Path.of(settings.bundleDir()), FeatureSchemas.of(cfg)).windowSteps();
    } catch (BundleException e) {
      throw new IllegalArgumentException(
          "model bundle "
              + settings.bundleDir()
              + " cannot score this job's features: "
              + e.getMessage(),
          e);
    }
    SingleOutputStreamOperator<FeatureVector> vectors =
        samples
            .keyBy(new ComponentKeySelector(cfg), BasicTypeInfo.STRING_TYPE_INFO)
            .process(new ComponentFeatureFunction(cfg), FeatureTypes.FEATURE_VECTOR)
            .name("features");
    deadLetters.add(vectors.getSideOutput(ComponentFeatureFunction.LATE));
    deadLetters.add(vectors.getSideOutput(ComponentFeatureFunction.OVER_CAP));
    DataStream<ComponentWindow> windows =
        vectors
            .keyBy(
                (KeySelector<FeatureVector, String>) FeatureVector::component,
                BasicTypeInfo.STRING_TYPE_INFO)
            .process(
                new WindowHistoryFunction(
                    steps, cfg.stepMs(), cfg.stepMs() + cfg.allowedLatenessMs()),
                new ExplicitTypeInfo<>(ComponentWindow.class, ComponentWindowSerializer.INSTANCE))
            .name("component windows");
    BatchScoringOperator scorer =
        new BatchScoringOperator(
            settings.bundleDir(), FeatureSchemas.of(cfg), settings.alerts(), settings.maxBatch());
    if (settings.modelWatchDir() == null) {
      return windows.transform("score components (ensemble)", Types.PREDICTION, scorer);
    }
    DataStream<ModelControl> controls =
        ModelReload.watchDirectory(
            windows.getExecutionEnvironment(),
            Path.of(settings.modelWatchDir()),
            Duration.ofSeconds(10),
            BundleLoader.ensembles(FeatureSchemas.of(cfg), settings.alerts()));
    SingleOutputStreamOperator<FailurePrediction> scored =
        windows
            .connect(controls.broadcast())
            .transform("score components (ensemble, hot reload)", Types.PREDICTION, scorer);
    deadLetters.add(scored.getSideOutput(BatchScoringOperator.MODEL_REFUSALS));
    return scored;
  }
}
