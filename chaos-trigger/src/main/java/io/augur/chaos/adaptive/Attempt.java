package io.augur.chaos.adaptive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.augur.domain.Checks;

/**
 * One recovery attempt as the effectiveness log keeps it.
 *
 * @param context {@code critical} or {@code standard}
 * @param success whether the health check passed again within the time allowed
 * @param recoveryMs from the action's start until the health check first passed; null when it did
 *     not
 * @param detail what was done and seen, one line
 */
public record Attempt(
    String failureId,
    String failureType,
    String service,
    String context,
    String strategy,
    String executor,
    boolean success,
    Long recoveryMs,
    long startedAtMs,
    String detail) {
  public Attempt {
    Checks.nonBlank("failureId", failureId);
    failureType = StrategyLibrary.normalise(Checks.nonBlank("failureType", failureType));
    Checks.nonBlank("service", service);
    Checks.nonBlank("context", context);
    strategy = Strategy.fromId(strategy).id();
    Checks.nonBlank("executor", executor);
    if (success && recoveryMs == null) {
      throw new IllegalArgumentException(
          "a successful attempt needs recoveryMs (failure " + failureId + ")");
    }
    if (recoveryMs != null && recoveryMs < 0) {
      throw new IllegalArgumentException("recoveryMs must be >= 0, got " + recoveryMs);
    }
    detail = detail == null ? "" : detail;
  }

  @JsonIgnore
  public Strategy strategyValue() {
    return Strategy.fromId(strategy);
  }
}
