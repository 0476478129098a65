package io.augur.chaos.catalogue;

import static io.augur.chaos.catalogue.ChaosKind.DNS_CHAOS;
import static io.augur.chaos.catalogue.ChaosKind.HTTP_CHAOS;
import static io.augur.chaos.catalogue.ChaosKind.IO_CHAOS;
import static io.augur.chaos.catalogue.ChaosKind.NETWORK_CHAOS;
import static io.augur.chaos.catalogue.ChaosKind.POD_CHAOS;
import static io.augur.chaos.catalogue.ChaosKind.STRESS_CHAOS;
import static io.augur.chaos.catalogue.ChaosKind.TIME_CHAOS;
import static io.augur.chaos.catalogue.ExperimentCategory.APPLICATION;
import static io.augur.chaos.catalogue.ExperimentCategory.DATA;
import static io.augur.chaos.catalogue.ExperimentCategory.INFRASTRUCTURE;
import static io.augur.chaos.catalogue.ExperimentCategory.PERFORMANCE;
import static io.augur.chaos.catalogue.ExperimentCategory.SECURITY;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Every experiment type Augur plans. {@code action} is the Chaos Mesh action (or the stressor /
 * HTTP fault for kinds without one), {@code params} the defaults the manifest uses, {@code litmus}
 * the LitmusChaos experiment that does the same (null where Litmus has none), {@code destructive}
 * whether it takes pods down (pre-flight then requires at least two replicas).
 */
public enum ExperimentType {
  POD_KILL(
      "pod-kill",
      INFRASTRUCTURE,
      POD_CHAOS,
      "pod-kill",
      30,
      true,
      "pod-delete",
      Map.of("gracePeriod", "0")),
  POD_FAILURE(
      "pod-failure", INFRASTRUCTURE, POD_CHAOS, "pod-failure", 60, true, "pod-delete", Map.of()),
  NODE_FAILURE(
      "node-failure",
      INFRASTRUCTURE,
      POD_CHAOS,
      "pod-failure",
      120,
      true,
      "node-drain",
      Map.of("scope", "every pod of the target on the node named by its 'node' label")),
  NETWORK_PARTITION(
      "network-partition",
      INFRASTRUCTURE,
      NETWORK_CHAOS,
      "partition",
      60,
      false,
      "pod-network-partition",
      Map.of("direction", "both")),
  MEMORY_STRESS(
      "memory-stress",
      APPLICATION,
      STRESS_CHAOS,
      "memory",
      120,
      false,
      "pod-memory-hog",
      Map.of("workers", "1", "size", "256MB")),
  CPU_SPIKE(
      "cpu-spike",
      APPLICATION,
      STRESS_CHAOS,
      "cpu",
      120,
      false,
      "pod-cpu-hog",
      Map.of("workers", "1", "load", "80")),
  DEPENDENCY_FAILURE(
      "dependency-failure",
      APPLICATION,
      HTTP_CHAOS,
      "abort",
      60,
      false,
      "pod-http-status-code",
      Map.of("target", "Request", "port", "8080", "path", "*")),
  DNS_FAILURE(
      "dns-failure",
      APPLICATION,
      DNS_CHAOS,
      "error",
      60,
      false,
      "pod-dns-error",
      Map.of("patterns", "*")),
  DATA_CORRUPTION(
      "data-corruption",
      DATA,
      IO_CHAOS,
      "mistake",
      60,
      false,
      null,
      Map.of(
          "volumePath",
          "/data",
          "path",
          "/data/**/*",
          "filling",
          "random",
          "maxOccurrences",
          "1",
          "maxLength",
          "10",
          "percent",
          "10")),
  DISK_FAULT(
      "disk-fault",
      DATA,
      IO_CHAOS,
      "fault",
      60,
      false,
      "disk-fill",
      Map.of("volumePath", "/data", "path", "/data/**/*", "errno", "28", "percent", "50")),
  REPLICATION_LAG(
      "replication-lag",
      DATA,
      NETWORK_CHAOS,
      "delay",
      120,
      false,
      "pod-network-latency",
      Map.of("latency", "500ms", "jitter", "100ms", "direction", "to")),
  CERTIFICATE_EXPIRY(
      "certificate-expiry",
      SECURITY,
      TIME_CHAOS,
      "time-skew",
      60,
      false,
      null,
      Map.of("timeOffset", "2160h")),
  AUTH_FAILURE(
      "auth-failure",
      SECURITY,
      HTTP_CHAOS,
      "replace-code",
      60,
      false,
      "pod-http-status-code",
      Map.of("target", "Response", "port", "8080", "path", "*", "code", "401")),
  LATENCY_INJECTION(
      "latency-injection",
      PERFORMANCE,
      NETWORK_CHAOS,
      "delay",
      120,
      false,
      "pod-network-latency",
      Map.of("latency", "200ms", "jitter", "50ms", "direction", "to")),
  BANDWIDTH_LIMIT(
      "bandwidth-limit",
      PERFORMANCE,
      NETWORK_CHAOS,
      "bandwidth",
      120,
      false,
      "pod-network-rate-limit",
      Map.of("rate", "1mbps", "limit", "20971520", "buffer", "10000"));

  private final String id;
  private final ExperimentCategory category;
  private final ChaosKind kind;
  private final String action;
  private final Duration defaultDuration;
  private final boolean destructive;
  private final String litmus;
  private final Map<String, String> params;

  ExperimentType(
      String id,
      ExperimentCategory category,
      ChaosKind kind,
      String action,
      int seconds,
      boolean destructive,
      String litmus,
      Map<String, String> params) {
    this.id = id;
    this.category = category;
    this.kind = kind;
    this.action = action;
    this.defaultDuration = Duration.ofSeconds(seconds);
    this.destructive = destructive;
    this.litmus = litmus;
    this.params = params;
  }

  public String id() {
    return id;
  }

  public ExperimentCategory category() {
    return category;
  }

  public ChaosKind kind() {
    return kind;
  }

  public String action() {
    return action;
  }

  public Duration defaultDuration() {
    return defaultDuration;
  }

  public boolean destructive() {
    return destructive;
  }

  /** The LitmusChaos experiment name, or null when Litmus has no equivalent. */
  public String litmusExperiment() {
    return litmus;
  }

  public Map<String, String> params() {
    return params;
  }

  public String param(String key) {
    String v = params.get(key);
    if (v == null) {
      throw new IllegalStateException(id + " has no default parameter " + key);
    }
    return v;
  }

  public static ExperimentType fromId(String id) {
    String norm = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values())
        .filter(t -> t.id.equals(norm))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "experimentType must be one of "
                        + Arrays.stream(values()).map(ExperimentType::id).toList()
                        + ", got \""
                        + id
                        + "\""));
  }

  /**
   * The experiment that reproduces a predicted failure mode (the demo fleet's vocabulary); pod-kill
   * for anything unknown.
   */
  public static ExperimentType forFailureMode(String failureMode) {
    String m =
        failureMode == null ? "" : failureMode.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (m) {
      case "memory-leak" -> MEMORY_STRESS;
      case "cpu-saturation" -> CPU_SPIKE;
      case "disk-fill" -> DISK_FAULT;
      case "latency-creep" -> LATENCY_INJECTION;
      case "error-rate-burst" -> DEPENDENCY_FAILURE;
      case "connection-pool-exhaustion" -> REPLICATION_LAG;
      default -> POD_KILL;
    };
  }
}
