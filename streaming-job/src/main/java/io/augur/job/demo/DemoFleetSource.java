package io.augur.job.demo;

import io.augur.domain.MetricSample;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.ingest.PrometheusJson;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

  public static DataGeneratorSource<List<String>> create(
      FleetConfig config, double stepsPerSecond, double corruptRate) {
    GeneratorFunction<Long, List<String>> fn = new StepLines(config, corruptRate);
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
    private transient DemoFleet fleet;

    StepLines(FleetConfig config, double corruptRate) {
      this.config = config;
      this.corruptRate = corruptRate;
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
