package io.augur.chaos.adaptive;

import io.augur.chaos.catalogue.ExperimentType;
import java.util.Arrays;
import java.util.Locale;

/**
 * A recovery strategy. {@code gateType} is the catalogue entry the safety gates judge the action
 * as: a restart or a roll back takes the instance down (pod-kill, destructive: pre-flight then
 * wants two replicas and the critical windows apply); scaling out, failing over and shedding load
 * change where traffic goes or how much is let in (bandwidth-limit).
 */
public enum Strategy {
  RESTART("restart", ExperimentType.POD_KILL, "restart the process or pod"),
  SCALE_OUT(
      "scale-out",
      ExperimentType.BANDWIDTH_LIMIT,
      "start another instance behind the proxy / scale the deployment"),
  FAILOVER("failover", ExperimentType.BANDWIDTH_LIMIT, "switch traffic to a standby"),
  SHED_LOAD("shed-load", ExperimentType.BANDWIDTH_LIMIT, "limit connections / drain traffic"),
  ROLLBACK("rollback", ExperimentType.POD_KILL, "go back to the previous version or configuration");

  private final String id;
  private final ExperimentType gateType;
  private final String description;

  Strategy(String id, ExperimentType gateType, String description) {
    this.id = id;
    this.gateType = gateType;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public ExperimentType gateType() {
    return gateType;
  }

  public String description() {
    return description;
  }

  public static Strategy fromId(String id) {
    String norm = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values())
        .filter(s -> s.id.equals(norm))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "strategy must be one of "
                        + Arrays.stream(values()).map(Strategy::id).toList()
                        + ", got \""
                        + id
                        + "\""));
  }

  @Override
  public String toString() {
    return id;
  }
}
