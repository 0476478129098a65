package io.augur.job.chaos;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.chaos.prom.PrometheusHttpSource;
import io.augur.domain.Backoff;
import io.augur.domain.Sleeper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.LongSupplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Reads the health queries from Prometheus, one poll per call, in a source of its own: the only
 * place the planner's health touches the network, never the planner's timer. Each query is retried
 * by {@link PrometheusHttpSource} (attempts, backoff); when a whole poll fails, the next polls are
 * skipped (reported as failed, health unknown) for a {@link Backoff} delay that doubles with each
 * failed poll, up to ten poll intervals, so a Prometheus that is down is not hammered.
 */
public final class HealthPoller implements GeneratorFunction<Long, PlannerInput> {
  private static final long serialVersionUID = 1L;

  private final String url;
  private final List<String> queries;
  private final ChaosTargetSettings.Loop loop;
  private transient MetricsSource source;
  private transient LongSupplier clock;
  private transient Random random;
  private int failedPolls;
  private long quietUntilMs;

  public HealthPoller(String url, List<String> queries, ChaosTargetSettings.Loop loop) {
    this.url = url;
    this.queries = List.copyOf(queries);
    this.loop = loop;
    URI.create(url); // a bad URL fails when the job is built
  }

  /** For tests: poll {@code source} with {@code clock}. */
  HealthPoller(
      MetricsSource source,
      LongSupplier clock,
      List<String> queries,
      ChaosTargetSettings.Loop loop) {
    this("http://127.0.0.1/", queries, loop);
    this.source = source;
    this.clock = clock;
  }

  @Override
  public void open(SourceReaderContext readerContext) {
    if (source == null) {
      source =
          new PrometheusHttpSource(
              URI.create(url),
              loop.prometheusTimeout(),
              loop.prometheusAttempts(),
              loop.prometheusBackoff(),
              Sleeper.REAL);
      clock = System::currentTimeMillis;
    }
    random = new Random();
  }

  @Override
  public PlannerInput map(Long index) {
    if (source == null || random == null) {
      open(null);
    }
    return PlannerInput.of(poll());
  }

  HealthReading poll() {
    long now = clock.getAsLong();
    if (now < quietUntilMs) {
      return new HealthReading(now, Map.of(), List.of(), queries);
    }
    Map<String, Double> values = new LinkedHashMap<>();
    List<String> empty = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String q : queries) {
      try {
        OptionalDouble v = source.query(q);
        if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
          values.put(q, v.getAsDouble());
        } else {
          empty.add(q);
        }
      } catch (MetricsUnavailableException | IllegalArgumentException e) {
        failed.add(q);
      }
    }
    if (failed.size() == queries.size()) {
      failedPolls++;
      Duration max = loop.healthPollInterval().multipliedBy(10);
      Backoff b = Backoff.of(loop.healthPollInterval(), max);
      quietUntilMs = now + b.delay(failedPolls, random).toMillis();
    } else {
      failedPolls = 0;
      quietUntilMs = 0;
    }
    return new HealthReading(now, values, empty, failed);
  }
}
