package io.augur.chaos.adaptive;

import static io.augur.chaos.adaptive.Strategy.FAILOVER;
import static io.augur.chaos.adaptive.Strategy.RESTART;
import static io.augur.chaos.adaptive.Strategy.ROLLBACK;
import static io.augur.chaos.adaptive.Strategy.SCALE_OUT;
import static io.augur.chaos.adaptive.Strategy.SHED_LOAD;

import java.util.List;
import java.util.Locale;

/**
 * Which strategies may answer which failure type. Failure types are the catalogue's fault ids (what
 * a recovery test injected) and the failure modes Augur predicts (what an alert names); anything
 * else may be answered by every strategy.
 */
public final class StrategyLibrary {
  private StrategyLibrary() {}

  /** The candidates for {@code failureType}, in a fixed order. */
  public static List<Strategy> candidates(String failureType) {
    return switch (normalise(failureType)) {
      case "process-crash", "pod-kill", "pod-failure", "node-failure", "network-partition" ->
          List.of(RESTART, FAILOVER, SCALE_OUT, ROLLBACK);
      case "overload",
          "cpu-spike",
          "cpu-saturation",
          "memory-stress",
          "latency-injection",
          "latency-creep",
          "bandwidth-limit",
          "connection-pool-exhaustion",
          "replication-lag" ->
          List.of(SHED_LOAD, SCALE_OUT, RESTART, FAILOVER);
      case "memory-leak", "disk-fault", "disk-fill" ->
          List.of(RESTART, ROLLBACK, SCALE_OUT, FAILOVER);
      case "bad-deploy",
          "error-rate-burst",
          "dependency-failure",
          "auth-failure",
          "certificate-expiry",
          "data-corruption",
          "dns-failure" ->
          List.of(ROLLBACK, FAILOVER, RESTART);
      default -> List.of(Strategy.values());
    };
  }

  /** Lower case, '_' and spaces as '-'. */
  public static String normalise(String failureType) {
    return failureType == null
        ? ""
        : failureType.trim().toLowerCase(Locale.ROOT).replaceAll("[_\\s]+", "-");
  }
}
