package io.augur.chaos.score;

import io.augur.domain.Checks;
import java.util.EnumMap;
import java.util.Map;

/**
 * Normalisation targets and the PromQL for each term ({@code {service}} is replaced by the service
 * name). Raw values and their normalisation to 0..1:
 *
 * <ul>
 *   <li>availability a (ratio): nines n = -log10(1 - a); score = min(1, n / targetNines), default 4
 *       nines (99.99%): 99.9% scores 0.75, 99% scores 0.5;
 *   <li>MTTR m (seconds): min(1, mttrTargetSeconds / m), default 900 s: 30 min scores 0.5; m = 0
 *       scores 1;
 *   <li>MTBF b (seconds): min(1, b / mtbfTargetSeconds), default 720 h;
 *   <li>error budget remaining r (fraction of the budget, may be negative): clamp(r, 0, 1);
 *   <li>chaos success rate and recovery automation rate (fractions): clamp(x, 0, 1).
 * </ul>
 *
 * A term with no value is left out and the remaining weights are rescaled to sum to 1; the score
 * names the missing terms.
 */
public record ScoreConfig(
    double targetNines,
    double mttrTargetSeconds,
    double mtbfTargetSeconds,
    Map<ResilienceTerm, String> queries) {

  public ScoreConfig {
    if (!(targetNines > 0) || Double.isInfinite(targetNines)) {
      throw new IllegalArgumentException(
          "targetNines must be a finite number > 0, got " + targetNines);
    }
    if (!(mttrTargetSeconds > 0) || !(mtbfTargetSeconds > 0)) {
      throw new IllegalArgumentException(
          "mttrTargetSeconds and mtbfTargetSeconds must be > 0, got "
              + mttrTargetSeconds
              + ", "
              + mtbfTargetSeconds);
    }
    queries = Map.copyOf(Checks.noNullEntries("queries", queries));
  }

  /** Targets 4 nines, 15 min MTTR, 720 h MTBF; PromQL over 7 days for the first four terms. */
  public static ScoreConfig defaults() {
    Map<ResilienceTerm, String> q = new EnumMap<>(ResilienceTerm.class);
    q.put(ResilienceTerm.AVAILABILITY, "avg_over_time(up{job=\"{service}\"}[7d])");
    q.put(
        ResilienceTerm.MTTR,
        "avg_over_time(augur:incident_recovery_seconds{service=\"{service}\"}[7d])");
    q.put(
        ResilienceTerm.MTBF,
        "avg_over_time(augur:time_between_failures_seconds{service=\"{service}\"}[7d])");
    q.put(
        ResilienceTerm.ERROR_BUDGET_REMAINING,
        "min(slo:error_budget_remaining:ratio{service=\"{service}\"})");
    return new ScoreConfig(4.0, 900.0, 720.0 * 3600, q);
  }

  /** Same targets, no PromQL: only recorded outcomes. */
  public ScoreConfig withoutQueries() {
    return new ScoreConfig(targetNines, mttrTargetSeconds, mtbfTargetSeconds, Map.of());
  }

  public double normalise(ResilienceTerm term, double raw) {
    Checks.finite(term.key(), raw);
    return switch (term) {
      case AVAILABILITY -> {
        if (raw >= 1.0) {
          yield 1.0;
        }
        double nines = -Math.log10(1.0 - Math.max(0.0, raw));
        yield Math.min(1.0, nines / targetNines);
      }
      case MTTR -> raw <= 0 ? 1.0 : Math.min(1.0, mttrTargetSeconds / raw);
      case MTBF -> Math.max(0.0, Math.min(1.0, raw / mtbfTargetSeconds));
      default -> Math.max(0.0, Math.min(1.0, raw));
    };
  }
}
