package io.augur.chaos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.config.ChaosConfig;
import io.augur.chaos.prom.CircuitBreaker;
import io.augur.chaos.prom.InMemoryMetricsSource;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.PrometheusHttpSource;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where numbers come from: a Prometheus server, or a file of query -> value for offline runs. */
final class MetricsOptions {
  @Option(
      names = "--prometheus",
      paramLabel = "URL",
      description = "Prometheus base URL, e.g. http://localhost:9090")
  URI prometheus;

  @Option(
      names = "--metrics-file",
      paramLabel = "FILE",
      description =
          "YAML/JSON map of PromQL query to value, used instead of Prometheus (offline runs, CI fixtures)")
  Path metricsFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "planner configuration YAML (health queries, abort conditions, score); see examples/chaos-config.yaml")
  Path configFile;

  private ChaosConfig config;
  private MetricsSource source;
  private boolean resolved;

  ChaosConfig config() {
    if (config == null) {
      config = configFile == null ? ChaosConfig.defaults() : ChaosConfig.read(configFile);
    }
    return config;
  }

  /** The configured source, or null when neither option is given; made once. */
  MetricsSource source() {
    if (!resolved) {
      source = makeSource();
      resolved = true;
    }
    return source;
  }

  private MetricsSource makeSource() {
    if (prometheus != null && metricsFile != null) {
      throw new IllegalArgumentException("give --prometheus or --metrics-file, not both");
    }
    if (prometheus != null) {
      ChaosConfig c = config();
      return new PrometheusHttpSource(
          prometheus,
          c.prometheusTimeout(),
          c.prometheusAttempts(),
          c.prometheusBackoff(),
          d -> Thread.sleep(d.toMillis()),
          new CircuitBreaker(3, java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC()));
    }
    if (metricsFile != null) {
      return fromFile(metricsFile);
    }
    return null;
  }

  String describe() {
    return prometheus != null
        ? "Prometheus at " + prometheus
        : metricsFile != null ? "metrics file " + metricsFile : "none";
  }

  static InMemoryMetricsSource fromFile(Path file) {
    try {
      JsonNode n = Wire.USER_YAML.readTree(file.toFile());
      InMemoryMetricsSource m = new InMemoryMetricsSource();
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(
            "metrics file " + file + " must be a map of query to number");
      }
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().isNumber()) {
          throw new IllegalArgumentException(
              "metrics file " + file + ": value of " + e.getKey() + " is not a number");
        }
        m.set(e.getKey(), e.getValue().asDouble());
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read metrics file " + file, e);
    }
  }
}
