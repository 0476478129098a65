package io.augur.chaos.exec.k8s;

import io.augur.chaos.catalogue.ChaosKind;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Arrays;
import java.util.List;

/**
 * The custom resources the executor creates, with what the API paths need (group, version, plural),
 * so no API discovery is required (and the RBAC can stay at exactly these resources).
 */
public enum ChaosResourceKind {
  POD_CHAOS("chaos-mesh.org", "PodChaos", "podchaos"),
  NETWORK_CHAOS("chaos-mesh.org", "NetworkChaos", "networkchaos"),
  STRESS_CHAOS("chaos-mesh.org", "StressChaos", "stresschaos"),
  IO_CHAOS("chaos-mesh.org", "IOChaos", "iochaos"),
  HTTP_CHAOS("chaos-mesh.org", "HTTPChaos", "httpchaos"),
  TIME_CHAOS("chaos-mesh.org", "TimeChaos", "timechaos"),
  DNS_CHAOS("chaos-mesh.org", "DNSChaos", "dnschaos"),
  WORKFLOW("chaos-mesh.org", "Workflow", "workflows"),
  CHAOS_ENGINE("litmuschaos.io", "ChaosEngine", "chaosengines");

  public static final String VERSION = "v1alpha1";

  private final String group;
  private final String kind;
  private final String plural;

  ChaosResourceKind(String group, String kind, String plural) {
    this.group = group;
    this.kind = kind;
    this.plural = plural;
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String apiVersion() {
    return group + "/" + VERSION;
  }

  /**
   * The context fabric8 addresses the resource with ({@code
   * /apis/<group>/<version>/namespaces/<ns>/<plural>}).
   */
  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  /** The resource kind a catalogue {@link ChaosKind} is created as. */
  public static ChaosResourceKind of(ChaosKind kind) {
    return fromKind(kind.kind());
  }

  /** By {@code apiVersion} and {@code kind}, as a manifest or a journal entry names it. */
  public static ChaosResourceKind of(String apiVersion, String kind) {
    ChaosResourceKind k = fromKind(kind);
    if (!k.apiVersion().equals(apiVersion)) {
      throw new IllegalArgumentException(
          "kind "
              + kind
              + " must have apiVersion "
              + k.apiVersion()
              + ", got \""
              + apiVersion
              + "\"");
    }
    return k;
  }

  public static ChaosResourceKind fromKind(String kind) {
    return Arrays.stream(values())
        .filter(k -> k.kind.equals(kind))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "kind must be one of "
                        + Arrays.stream(values()).map(ChaosResourceKind::kind).toList()
                        + ", got \""
                        + kind
                        + "\""));
  }

  /** Every kind, in the order the reaper sweeps them. */
  public static List<ChaosResourceKind> all() {
    return List.of(values());
  }
}
