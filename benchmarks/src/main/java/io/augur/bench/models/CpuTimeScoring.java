package io.augur.bench.models;

import io.augur.models.ComponentWindow;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The same scoring as {@link EnsembleScoringBenchmark}, timed by the scoring thread's CPU time
 * instead of the wall clock: windows per CPU-second of one core. On a machine shared with other
 * builds a thread gets a fraction of a core and JMH's wall-clock rates fall with the load; CPU time
 * says what one core can do while the load lasts (cache and memory contention still count).
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.augur.bench.models.CpuTimeScoring [seconds
 * per target [target]]}; target {@code ensemblePredictTwoThreads} runs full predictions on two
 * threads sharing one ensemble and sums their rates.
 */
public final class CpuTimeScoring {

  private CpuTimeScoring() {}

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    Ensemble e = EnsembleScoringBenchmark.trainEnsemble();
    List<ComponentWindow> batch = EnsembleScoringBenchmark.probeBatch();
    Map<String, Consumer<List<ComponentWindow>>> targets = new LinkedHashMap<>();
    targets.put("ensemblePredict", e::predict);
    targets.put("ensembleProbabilities", e::probabilities);
    targets.put("isolationForest", w -> e.members().get(IsolationForestModel.NAME).scoreBatch(w));
    targets.put("randomForest", w -> e.members().get(RandomForestModel.NAME).scoreBatch(w));
    targets.put("lstm", w -> e.members().get(LstmModel.NAME).scoreBatch(w));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (args.length > 1 && args[1].equals("ensemblePredictTwoThreads")) {
      twoThreads(mx(), e, batch, seconds);
      return;
    }
    if (args.length > 1) {
      targets.keySet().retainAll(List.of(args[1]));
    }
    for (Map.Entry<String, Consumer<List<ComponentWindow>>> t : targets.entrySet()) {
      run(mx, t.getValue(), batch, seconds / 2); // warm-up
      double[] r = run(mx, t.getValue(), batch, seconds);
      System.out.printf(
          "%-22s %,10.0f windows per CPU-second  (%,10.0f per wall-second, %d batches of %d)%n",
          t.getKey(), r[0], r[1], (long) r[2], batch.size());
    }
  }

  private static ThreadMXBean mx() {
    return ManagementFactory.getThreadMXBean();
  }

  private static void twoThreads(
      ThreadMXBean mx, Ensemble e, List<ComponentWindow> batch, double seconds) {
    double[][] r = new double[2][];
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int k = t;
      threads[t] =
          new Thread(
              () -> {
                run(mx, e::predict, batch, seconds / 2);
                r[k] = run(mx, e::predict, batch, seconds);
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    System.out.printf(
        "%-22s %,10.0f windows per CPU-second summed over 2 threads (%,.0f + %,.0f; %,10.0f per wall-second)%n",
        "ensemblePredict x2", r[0][0] + r[1][0], r[0][0], r[1][0], r[0][1] + r[1][1]);
  }

  /**
   * Windows per CPU-second, per wall-second, and batches run, over about {@code cpuSeconds} of CPU
   * time.
   */
  private static double[] run(
      ThreadMXBean mx,
      Consumer<List<ComponentWindow>> target,
      List<ComponentWindow> batch,
      double cpuSeconds) {
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long batches = 0;
    long cpu;
    do {
      target.accept(batch);
      batches++;
      cpu = mx.getCurrentThreadCpuTime() - cpu0;
    } while (cpu < cpuSeconds * 1e9);
    long wall = System.nanoTime() - wall0;
    double windows = (double) batches * batch.size();
    return new double[] {windows / (cpu / 1e9), windows / (wall / 1e9), batches};
  }
}
