package io.augur.chaos.score;

import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.prom.MetricsUnavailableException;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Scores services. Each term is taken from its PromQL when configured and answered, else from the
 * outcomes recorded for the service:
 *
 * <ul>
 *   <li>MTTR: mean {@code recoveryTimeMs} / 1000 over outcomes that report one;
 *   <li>MTBF: the span from the first outcome's start to the last one's end divided by the number
 *       of FAILED outcomes (none failed: no value);
 *   <li>chaos success rate: PASSED / all outcomes (ABORTED counts as not passed);
 *   <li>recovery automation rate: outcomes recovered automatically / outcomes that needed recovery
 *       (FAILED or ABORTED);
 *   <li>availability and error budget: PromQL only.
 * </ul>
 *
 * An outcome belongs to service s when its target is s or starts with {@code s/}.
 */
public final class ResilienceScorer {
  private final ScoreConfig config;
  private final MetricsSource metrics;

  /** {@code metrics} may be null: outcomes only. */
  public ResilienceScorer(ScoreConfig config, MetricsSource metrics) {
    this.config = Checks.nonNull("config", config);
    this.metrics = metrics;
  }

  public static String serviceOf(String target) {
    int i = target.indexOf('/');
    return i < 0 ? target : target.substring(0, i);
  }

  public ResilienceScore score(String service, Collection<ExperimentOutcome> allOutcomes) {
    Checks.nonBlank("service", service);
    List<ExperimentOutcome> outcomes =
        allOutcomes.stream().filter(o -> serviceOf(o.target()).equals(service)).toList();
    Map<ResilienceTerm, Double> raw = new EnumMap<>(ResilienceTerm.class);
    Map<ResilienceTerm, String> sources = new EnumMap<>(ResilienceTerm.class);
    Map<ResilienceTerm, Double> fromOutcomes = fromOutcomes(outcomes);
    for (ResilienceTerm t : ResilienceTerm.values()) {
      OptionalDouble q = query(t, service);
      if (q.isPresent()) {
        raw.put(t, q.getAsDouble());
        sources.put(t, "promql");
      } else if (fromOutcomes.containsKey(t)) {
        raw.put(t, fromOutcomes.get(t));
        sources.put(t, "outcomes");
      }
    }
    return combine(service, raw, sources);
  }

  /** Combines raw values (any subset of terms) into the weighted score. */
  public ResilienceScore combine(
      String service, Map<ResilienceTerm, Double> raw, Map<ResilienceTerm, String> sources) {
    Map<ResilienceTerm, Double> norm = new EnumMap<>(ResilienceTerm.class);
    List<ResilienceTerm> missing = new ArrayList<>();
    double sum = 0;
    double weights = 0;
    for (ResilienceTerm t : ResilienceTerm.values()) {
      Double v = raw.get(t);
      if (v == null) {
        missing.add(t);
        continue;
      }
      double n = config.normalise(t, v);
      norm.put(t, n);
      sum += t.weight() * n;
      weights += t.weight();
    }
    double score = weights == 0 ? 0.0 : sum / weights;
    return new ResilienceScore(service, score, raw, norm, sources, missing);
  }

  private OptionalDouble query(ResilienceTerm t, String service) {
    String q = config.queries().get(t);
    if (metrics == null || q == null) {
      return OptionalDouble.empty();
    }
    try {
      OptionalDouble v = metrics.query(q.replace("{service}", service));
      return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v : OptionalDouble.empty();
    } catch (MetricsUnavailableException e) {
      return OptionalDouble.empty();
    }
  }

  static Map<ResilienceTerm, Double> fromOutcomes(List<ExperimentOutcome> outcomes) {
    Map<ResilienceTerm, Double> m = new EnumMap<>(ResilienceTerm.class);
    if (outcomes.isEmpty()) {
      return m;
    }
    long passed =
        outcomes.stream().filter(o -> o.status() == ExperimentOutcome.Status.PASSED).count();
    m.put(ResilienceTerm.CHAOS_SUCCESS_RATE, passed / (double) outcomes.size());
    List<ExperimentOutcome> needed =
        outcomes.stream().filter(o -> o.status() != ExperimentOutcome.Status.PASSED).toList();
    if (!needed.isEmpty()) {
      long auto = needed.stream().filter(ExperimentOutcome::recoveredAutomatically).count();
      m.put(ResilienceTerm.RECOVERY_AUTOMATION_RATE, auto / (double) needed.size());
    }
    OptionalDouble mttr =
        outcomes.stream()
            .filter(o -> o.recoveryTimeMs() != null)
            .mapToDouble(o -> o.recoveryTimeMs() / 1000.0)
            .average();
    mttr.ifPresent(v -> m.put(ResilienceTerm.MTTR, v));
    long failures =
        outcomes.stream().filter(o -> o.status() == ExperimentOutcome.Status.FAILED).count();
    if (failures > 0) {
      long first = outcomes.stream().mapToLong(ExperimentOutcome::startedAtMs).min().orElseThrow();
      long last = outcomes.stream().mapToLong(ExperimentOutcome::endedAtMs).max().orElseThrow();
      m.put(ResilienceTerm.MTBF, (last - first) / 1000.0 / failures);
    }
    return m;
  }
}
