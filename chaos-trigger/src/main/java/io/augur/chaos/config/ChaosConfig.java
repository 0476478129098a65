package io.augur.chaos.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.requirements.RequirementsValidator;
import io.augur.chaos.safety.AbortCondition;
import io.augur.chaos.safety.HealthGate;
import io.augur.chaos.safety.HealthQuery;
import io.augur.chaos.score.ResilienceTerm;
import io.augur.chaos.score.ScoreConfig;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about the planner that is configured rather than coded. Read from YAML with {@link
 * #read}; every section and key is optional and falls back to {@link #defaults()}; unknown keys are
 * errors.
 *
 * @param healthThreshold at least 0.8 (the gate refuses lower)
 * @param availabilityQuery requirement check: ratio of time up, {@code {component}} substituted
 * @param latencyQuery requirement check: p99 seconds, {@code {component}} substituted
 */
public record ChaosConfig(
    double healthThreshold,
    List<HealthQuery> healthQueries,
    List<AbortCondition> abortConditions,
    ScoreConfig score,
    String availabilityQuery,
    String latencyQuery,
    Duration prometheusTimeout,
    int prometheusAttempts,
    Duration prometheusBackoff) {

  public ChaosConfig {
    if (!(healthThreshold >= HealthGate.MIN_THRESHOLD && healthThreshold <= 1.0)) {
      throw new IllegalArgumentException(
          "health.threshold must be within ["
              + HealthGate.MIN_THRESHOLD
              + ", 1], got "
              + healthThreshold);
    }
    healthQueries = List.copyOf(Checks.noNullElements("healthQueries", healthQueries));
    if (healthQueries.isEmpty()) {
      throw new IllegalArgumentException("health.queries must not be empty");
    }
    abortConditions = List.copyOf(Checks.noNullElements("abortConditions", abortConditions));
    if (abortConditions.isEmpty()) {
      throw new IllegalArgumentException("abortConditions must not be empty");
    }
    Checks.nonNull("score", score);
    Checks.nonBlank("availabilityQuery", availabilityQuery);
    Checks.nonBlank("latencyQuery", latencyQuery);
    Checks.nonNull("prometheusTimeout", prometheusTimeout);
    if (prometheusAttempts < 1) {
      throw new IllegalArgumentException(
          "prometheus.maxAttempts must be >= 1, got " + prometheusAttempts);
    }
    Checks.nonNull("prometheusBackoff", prometheusBackoff);
  }

  public static ChaosConfig defaults() {
    return new ChaosConfig(
        HealthGate.MIN_THRESHOLD,
        HealthQuery.defaults(),
        AbortCondition.defaults(),
        ScoreConfig.defaults(),
        RequirementsValidator.DEFAULT_AVAILABILITY,
        RequirementsValidator.DEFAULT_LATENCY,
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(200));
  }

  public static ChaosConfig read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config " + file, e);
    }
  }

  public static ChaosConfig parse(String yaml) {
    JsonNode root;
    try {
      root = Wire.USER_YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException("config is not valid YAML: " + e.getMessage(), e);
    }
    ChaosConfig d = defaults();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return d;
    }
    keys(root, "", Set.of("health", "abortConditions", "score", "requirements", "prometheus"));
    JsonNode h = root.path("health");
    keys(h, "health.", Set.of("threshold", "queries"));
    List<HealthQuery> hq = d.healthQueries();
    if (h.has("queries")) {
      hq = new ArrayList<>();
      int i = 0;
      for (JsonNode q : h.get("queries")) {
        String w = "health.queries[" + i++ + "].";
        keys(q, w, Set.of("name", "promql", "limit", "valueWhenEmpty"));
        hq.add(
            new HealthQuery(
                text(q, w + "name"),
                text(q, w + "promql"),
                num(q, w + "limit"),
                q.hasNonNull("valueWhenEmpty") ? num(q, w + "valueWhenEmpty") : null));
      }
    }
    List<AbortCondition> ac = d.abortConditions();
    if (root.has("abortConditions")) {
      ac = new ArrayList<>();
      int i = 0;
      for (JsonNode q : root.get("abortConditions")) {
        String w = "abortConditions[" + i++ + "].";
        keys(q, w, Set.of("name", "promql", "above", "threshold"));
        ac.add(
            new AbortCondition(
                text(q, w + "name"),
                text(q, w + "promql"),
                q.path("above").asBoolean(true),
                num(q, w + "threshold")));
      }
    }
    JsonNode s = root.path("score");
    keys(s, "score.", Set.of("targetNines", "mttrTargetSeconds", "mtbfTargetSeconds", "queries"));
    Map<ResilienceTerm, String> sq = new EnumMap<>(ResilienceTerm.class);
    sq.putAll(d.score().queries());
    if (s.has("queries")) {
      sq.clear();
      for (Iterator<String> it = s.get("queries").fieldNames(); it.hasNext(); ) {
        String k = it.next();
        ResilienceTerm t =
            java.util.Arrays.stream(ResilienceTerm.values())
                .filter(x -> x.key().equals(k))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "score.queries."
                                + k
                                + " is not a term; terms are "
                                + java.util.Arrays.stream(ResilienceTerm.values())
                                    .map(ResilienceTerm::key)
                                    .toList()));
        sq.put(t, text(s.get("queries"), "score.queries." + k));
      }
    }
    ScoreConfig sc =
        new ScoreConfig(
            s.path("targetNines").asDouble(d.score().targetNines()),
            s.path("mttrTargetSeconds").asDouble(d.score().mttrTargetSeconds()),
            s.path("mtbfTargetSeconds").asDouble(d.score().mtbfTargetSeconds()),
            sq);
    JsonNode r = root.path("requirements");
    keys(r, "requirements.", Set.of("availabilityQuery", "latencyQuery"));
    JsonNode p = root.path("prometheus");
    keys(p, "prometheus.", Set.of("timeoutMs", "maxAttempts", "initialBackoffMs"));
    return new ChaosConfig(
        h.path("threshold").asDouble(d.healthThreshold()),
        hq,
        ac,
        sc,
        r.path("availabilityQuery").asText(d.availabilityQuery()),
        r.path("latencyQuery").asText(d.latencyQuery()),
        Duration.ofMillis(p.path("timeoutMs").asLong(d.prometheusTimeout().toMillis())),
        p.path("maxAttempts").asInt(d.prometheusAttempts()),
        Duration.ofMillis(p.path("initialBackoffMs").asLong(d.prometheusBackoff().toMillis())));
  }

  private static void keys(JsonNode n, String where, Set<String> allowed) {
    if (n.isMissingNode()) {
      return;
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException(
          (where.isEmpty() ? "config" : where.substring(0, where.length() - 1)) + " must be a map");
    }
    n.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                throw new IllegalArgumentException(
                    "unknown config key " + where + k + " (allowed: " + allowed + ")");
              }
            });
  }

  private static String text(JsonNode n, String path) {
    String leaf = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = leaf.isEmpty() ? n : n.path(leaf);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(path + " must be a non-empty string, got " + v);
    }
    return v.asText();
  }

  private static double num(JsonNode n, String path) {
    JsonNode v = n.path(path.substring(path.lastIndexOf('.') + 1));
    if (!v.isNumber()) {
      throw new IllegalArgumentException(path + " must be a number, got " + v);
    }
    return v.asDouble();
  }
}
