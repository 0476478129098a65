package io.augur.bench.models;

import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureSchema;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ModelScore;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.inject.SyntheticHistory;
import io.augur.models.inject.SyntheticTrainingSet;
import io.augur.models.lstm.LstmModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched scoring of component windows (20 features, 8 steps each) by a trained ensemble of all
 * three members, and by each member alone. Scores are per window (one component vector with its
 * recent history). The ensemble is trained once per trial on seeded synthetic data with the
 * module's default member sizes (what scoring costs depend on); the LSTM gets only 3 epochs, which
 * changes its weights, not its cost.
 *
 * <p>{@code mvn -o -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar 'io.augur.bench.models' -f 1 -wi 2 -i 3} ({@link CpuTimeScoring}
 * times the same work by CPU time, for a machine shared with other jobs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class EnsembleScoringBenchmark {

  static final int BATCH = 1024;
  static final int FEATURES = 20;
  static final int STEPS = 8;

  Ensemble ensemble;
  List<ComponentWindow> batch;

  @Setup(Level.Trial)
  public void train() {
    ensemble = trainEnsemble();
    batch = probeBatch();
  }

  /** The ensemble every benchmark here scores with (seeded; default member sizes). */
  static Ensemble trainEnsemble() {
    FeatureSchema schema = SyntheticHistory.schema(FEATURES);
    TrainingSet set = SyntheticTrainingSet.build(schema, 1, 30, 120, 2, STEPS, 16);
    EnsembleTrainer.Config c =
        new EnsembleTrainer.Config(
            Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
            IsolationForestModel.Params.defaults(),
            RandomForestModel.Params.defaults(),
            new LstmModel.Params(LstmModel.Mode.HORIZON, STEPS, 12, 3, 0.01, 128),
            null,
            1500,
            EnsembleConfig.defaults());
    return new EnsembleTrainer(c).train(set, 1, ProgressListener.NONE);
  }

  /** {@link #BATCH} windows of another seed, normal and failing. */
  static List<ComponentWindow> probeBatch() {
    TrainingSet test =
        SyntheticTrainingSet.build(SyntheticHistory.schema(FEATURES), 2, 20, 120, 0, STEPS, 16);
    List<ComponentWindow> out = new ArrayList<>();
    for (int i = 0; out.size() < BATCH; i++) {
      LabelledWindow l = test.labelled().get(i % test.labelled().size());
      out.add(l.window());
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<FailurePrediction> ensemblePredict() {
    return ensemble.predict(batch);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  public List<FailurePrediction> ensemblePredictTwoThreads() {
    return ensemble.predict(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] ensembleProbabilities() {
    return ensemble.probabilities(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<ModelScore> isolationForest() {
    return ensemble.members().get(IsolationForestModel.NAME).scoreBatch(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<ModelScore> randomForest() {
    return ensemble.members().get(RandomForestModel.NAME).scoreBatch(batch);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<ModelScore> lstm() {
    return ensemble.members().get(LstmModel.NAME).scoreBatch(batch);
  }
}
