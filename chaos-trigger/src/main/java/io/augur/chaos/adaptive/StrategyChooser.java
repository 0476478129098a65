package io.augur.chaos.adaptive;

import io.augur.domain.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Thompson sampling over the recorded attempts. For each candidate strategy the attempts of the
 * same (strategy, failure type, context) give a Beta(1 + successes, 1 + failures) posterior; one
 * success rate is drawn from each, and one recovery time from its successful attempts (none yet:
 * the time budget). The strategy with the highest {@code rate - timeWeight * min(1, time /
 * timeBudget)} is chosen, so success dominates and recovery time breaks near ties.
 *
 * <p>Exploration is bounded: on a critical service a strategy whose record for the failure type
 * (over every context) has at least {@code minTries} attempts and a posterior mean success below
 * {@code floor} is never chosen. When every candidate is excluded there is no choice.
 */
public final class StrategyChooser {
  /**
   * @param floor posterior mean success below which a strategy with enough tries is known-bad
   * @param minTries attempts needed before a record counts as known
   * @param timeWeight how much a full time budget costs, in success-rate units
   * @param timeBudgetMs the recovery time that costs {@code timeWeight}
   */
  public record Config(double floor, int minTries, double timeWeight, long timeBudgetMs) {
    public static final Config DEFAULT = new Config(0.5, 5, 0.1, 30_000);

    public Config {
      Checks.probability("floor", floor);
      if (minTries < 1) {
        throw new IllegalArgumentException("minTries must be >= 1, got " + minTries);
      }
      if (!(timeWeight >= 0 && timeWeight <= 1)) {
        throw new IllegalArgumentException("timeWeight must be within [0, 1], got " + timeWeight);
      }
      if (timeBudgetMs < 1) {
        throw new IllegalArgumentException("timeBudgetMs must be >= 1, got " + timeBudgetMs);
      }
    }
  }

  /**
   * A decision: the strategy (null when all were excluded), each sampled score, and why any were
   * excluded.
   */
  public record Choice(
      Strategy strategy, Map<Strategy, Double> scores, Map<Strategy, String> excluded) {
    public Choice {
      scores = Map.copyOf(scores);
      excluded = Map.copyOf(excluded);
    }
  }

  private final Config config;
  private final Random random;

  /**
   * @param random seeded for reproducible choices
   */
  public StrategyChooser(Config config, Random random) {
    this.config = Checks.nonNull("config", config);
    this.random = Checks.nonNull("random", random);
  }

  public Config config() {
    return config;
  }

  public Choice choose(Failure failure, List<Strategy> candidates, List<Attempt> history) {
    Checks.nonNull("failure", failure);
    Checks.noNullElements("candidates", candidates);
    Checks.noNullElements("history", history);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          "candidates must not be empty (failure " + failure.id() + ")");
    }
    Map<Strategy, Double> scores = new LinkedHashMap<>();
    Map<Strategy, String> excluded = new LinkedHashMap<>();
    Strategy best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Strategy s : candidates) {
      List<Attempt> all =
          history.stream()
              .filter(
                  a -> a.strategy().equals(s.id()) && a.failureType().equals(failure.failureType()))
              .toList();
      if (failure.critical()) {
        String bad = knownBad(all);
        if (bad != null) {
          excluded.put(s, bad);
          continue;
        }
      }
      List<Attempt> here = all.stream().filter(a -> a.context().equals(failure.context())).toList();
      long ok = here.stream().filter(Attempt::success).count();
      double rate = BetaMath.sampleBeta(1 + ok, 1 + here.size() - ok, random);
      List<Long> times = new ArrayList<>();
      here.stream().filter(Attempt::success).forEach(a -> times.add(a.recoveryMs()));
      long time = times.isEmpty() ? config.timeBudgetMs() : times.get(random.nextInt(times.size()));
      double score =
          rate - config.timeWeight() * Math.min(1.0, time / (double) config.timeBudgetMs());
      scores.put(s, score);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return new Choice(best, scores, excluded);
  }

  /** Why a record is known-bad, or null. */
  String knownBad(List<Attempt> record) {
    if (record.size() < config.minTries()) {
      return null;
    }
    long ok = record.stream().filter(Attempt::success).count();
    double mean = (1.0 + ok) / (2.0 + record.size());
    if (mean >= config.floor()) {
      return null;
    }
    return String.format(
        java.util.Locale.ROOT,
        "known-bad: %d/%d succeeded, posterior mean %.2f < floor %.2f",
        ok,
        record.size(),
        mean,
        config.floor());
  }
}
