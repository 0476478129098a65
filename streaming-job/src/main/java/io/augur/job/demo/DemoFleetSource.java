package io.augur.job.demo;

import io.augur.domain.MetricSample;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.ingest.PrometheusJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The demo fleet as a Flink source (FLIP-27, through Flink's DataGeneratorSource): record {@code k}
 * is scrape step {@code k}, as the adapter-JSON lines a Kafka topic would carry. A small, seeded
 * share of lines is corrupted the ways real pipelines corrupt them, so the dead-letter path is
 * exercised. Because the fleet is a pure function of the step, the source is replayable from any
 * checkpoint.
 */
public final class DemoFleetSource {
  private DemoFleetSource() {}

  /** How often (in steps) the simulated kube-state-metrics is scraped: every 60 s at 15 s steps. */
  public static final int KUBE_STATE_EVERY = 4;

  public static DataGeneratorSource<List<String>> create(
      FleetConfig config, double stepsPerSecond, double corruptRate) {
    return create(config, stepsPerSecond, corruptRate, Map.of(), null);
  }

  /**
   * The same, plus the cluster's replica counts as kube-state-metrics exports them: every {@link
   * #KUBE_STATE_EVERY} steps, one {@code kube_deployment_spec_replicas} sample per entry of {@code
   * replicas} (deployment = service), from {@code job="kube-state-metrics"}. Those samples are no
   * component metric (feature extraction ignores them), so the fleet's predictions are unchanged;
   * the chaos planner reads its pod counts off them as it would on a cluster. When {@code
   * doneMarker} is given, that file is created once the last step has been generated.
   */
  public static DataGeneratorSource<List<String>> create(
      FleetConfig config,
      double stepsPerSecond,
      double corruptRate,
      Map<String, Integer> replicas,
      String doneMarker) {
    GeneratorFunction<Long, List<String>> fn =
        new StepLines(config, corruptRate, new TreeMap<>(replicas), doneMarker);
    RateLimiterStrategy<?> rate =
        stepsPerSecond > 0
            ? RateLimiterStrategy.perSecond(stepsPerSecond)
            : RateLimiterStrategy.noOp();
    TypeInformation<List<String>> type = Types.LIST(Types.STRING);
    return new DataGeneratorSource<>(fn, config.steps(), rate, type);
  }

  /** Generates one step's lines. */
  static final class StepLines implements GeneratorFunction<Long, List<String>> {
    private static final long serialVersionUID = 1L;
    private final FleetConfig config;
    private final double corruptRate;
    private final TreeMap<String, Integer> replicas;
    private final String doneMarker;
    private transient DemoFleet fleet;

    StepLines(FleetConfig config, double corruptRate) {
      this(config, corruptRate, new TreeMap<>(), null);
    }

    StepLines(
        FleetConfig config,
        double corruptRate,
        TreeMap<String, Integer> replicas,
        String doneMarker) {
      this.config = config;
      this.corruptRate = corruptRate;
      this.replicas = replicas;
      this.doneMarker = doneMarker;
    }

    @Override
    public List<String> map(Long step) {
      if (fleet == null) {
        fleet = new DemoFleet(config);
      }
      List<MetricSample> samples = fleet.step(step);
      List<String> lines = new ArrayList<>(samples.size());
      SplittableRandom r = new SplittableRandom(config.seed() * 1_000_003L + step);
      for (MetricSample s : samples) {
        String line = PrometheusJson.format(s);
        lines.add(r.nextDouble() < corruptRate ? corrupt(line, r) : line);
      }
      if (!replicas.isEmpty() && step % KUBE_STATE_EVERY == 0) {
        long t = fleet.timeOf(step);
        replicas.forEach(
            (service, n) ->
                lines.add(
                    PrometheusJson.format(
                        new MetricSample(
                            "kube_deployment_spec_replicas",
                            Map.of(
                                "job", "kube-state-metrics",
                                "instance", "kube-state-metrics:8080",
                                "namespace", "demo",
                                "deployment", service),
                            t,
                            n))));
      }
      if (doneMarker != null && step == config.steps() - 1) {
        try {
          Files.writeString(Path.of(doneMarker), "last step generated: " + step + "\n");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the demo's end marker " + doneMarker, e);
        }
      }
      return lines;
    }

    static String corrupt(String line, SplittableRandom r) {
      return switch (r.nextInt(4)) {
        case 0 -> line.substring(0, line.length() / 2); // truncated
        case 1 -> line.replaceFirst("\"value\":\"[^\"]*\"", "\"value\":\"n/a\""); // not a number
        case 2 ->
            line.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":1700000000"); // wrong type
        default -> line.replaceFirst("\"value\":\"[^\"]*\"", "\"value\":\"+Inf\""); // not finite
      };
    }
  }
}
