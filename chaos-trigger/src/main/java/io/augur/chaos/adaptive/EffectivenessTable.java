package io.augur.chaos.adaptive;

import io.augur.domain.Checks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The effectiveness table: per (failure type, strategy), tries, successes, the success rate with a
 * 95% Beta(1 + s, 1 + f) credible interval, and the median recovery time of the successful attempts
 * with a distribution-free ~95% order-statistic interval (binomial ranks; null when too few times).
 */
public final class EffectivenessTable {
  /** One row; times in ms, null where there are none. */
  public record Row(
      String failureType,
      String strategy,
      int tries,
      int successes,
      double successRate,
      double rateLow,
      double rateHigh,
      Long medianMs,
      Long medianLowMs,
      Long medianHighMs) {}

  private EffectivenessTable() {}

  public static List<Row> of(List<Attempt> attempts) {
    Checks.noNullElements("attempts", attempts);
    Map<String, Map<String, List<Attempt>>> by = new TreeMap<>();
    for (Attempt a : attempts) {
      by.computeIfAbsent(a.failureType(), k -> new TreeMap<>())
          .computeIfAbsent(a.strategy(), k -> new ArrayList<>())
          .add(a);
    }
    List<Row> rows = new ArrayList<>();
    by.forEach((type, m) -> m.forEach((strategy, l) -> rows.add(row(type, strategy, l))));
    return rows;
  }

  static Row row(String type, String strategy, List<Attempt> l) {
    int n = l.size();
    int s = (int) l.stream().filter(Attempt::success).count();
    double a = 1 + s;
    double b = 1 + n - s;
    List<Long> times =
        l.stream().filter(Attempt::success).map(Attempt::recoveryMs).sorted().toList();
    Long median = times.isEmpty() ? null : median(times);
    long[] ci = medianInterval(times);
    return new Row(
        type,
        strategy,
        n,
        s,
        n == 0 ? 0 : s / (double) n,
        BetaMath.quantile(0.025, a, b),
        BetaMath.quantile(0.975, a, b),
        median,
        ci == null ? null : ci[0],
        ci == null ? null : ci[1]);
  }

  static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1
        ? sorted.get(n / 2)
        : Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
  }

  /**
   * The ranks j < k with P(X(j) <= median <= X(k)) >= 0.95 for n samples (Binomial(n, 1/2)), as
   * close to the middle as that allows; null when n < 6 (no pair of ranks reaches 95%).
   */
  static long[] medianInterval(List<Long> sorted) {
    int n = sorted.size();
    if (n < 6) {
      return null;
    }
    double[] cdf = new double[n + 1]; // P(B <= i)
    double logHalfN = n * Math.log(0.5);
    double acc = 0;
    for (int i = 0; i <= n; i++) {
      acc += Math.exp(logChoose(n, i) + logHalfN);
      cdf[i] = acc;
    }
    // coverage of [X(j), X(n+1-j)] (1-based) is 1 - 2 P(B <= j - 1)
    int best = 0;
    for (int j = 1; j <= n / 2; j++) {
      if (1 - 2 * cdf[j - 1] >= 0.95) {
        best = j;
      }
    }
    return best == 0 ? null : new long[] {sorted.get(best - 1), sorted.get(n - best)};
  }

  private static double logChoose(int n, int k) {
    return BetaMath.logGamma(n + 1) - BetaMath.logGamma(k + 1) - BetaMath.logGamma(n - k + 1);
  }

  /** The table as aligned text, best success rate first within each failure type. */
  public static String format(List<Row> rows) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-20s %-10s %5s %9s %-15s %9s %-17s%n",
                "FAILURE TYPE",
                "STRATEGY",
                "TRIES",
                "SUCCESS",
                "95% CI",
                "MEDIAN",
                "95% CI (median)"));
    Map<String, List<Row>> byType =
        rows.stream()
            .collect(Collectors.groupingBy(Row::failureType, TreeMap::new, Collectors.toList()));
    byType.forEach(
        (t, l) ->
            l.stream()
                .sorted(
                    Comparator.comparingDouble(Row::successRate)
                        .reversed()
                        .thenComparing(Row::strategy))
                .forEach(
                    r ->
                        b.append(
                            String.format(
                                Locale.ROOT,
                                "%-20s %-10s %5d %8.1f%% [%4.1f%%, %5.1f%%] %9s %-17s%n",
                                r.failureType(),
                                r.strategy(),
                                r.tries(),
                                100 * r.successRate(),
                                100 * r.rateLow(),
                                100 * r.rateHigh(),
                                ms(r.medianMs()),
                                r.medianLowMs() == null
                                    ? "-"
                                    : "["
                                        + ms(r.medianLowMs())
                                        + ", "
                                        + ms(r.medianHighMs())
                                        + "]"))));
    return b.toString();
  }

  private static String ms(Long v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2fs", v / 1000.0);
  }
}
