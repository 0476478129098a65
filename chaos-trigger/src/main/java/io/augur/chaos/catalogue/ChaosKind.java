package io.augur.chaos.catalogue;

/**
 * The Chaos Mesh custom resources Augur generates; {@code field} is the key used inside Workflow
 * and Schedule.
 */
public enum ChaosKind {
  POD_CHAOS("PodChaos", "podChaos", "chaos-mesh.org_podchaos.yaml"),
  NETWORK_CHAOS("NetworkChaos", "networkChaos", "chaos-mesh.org_networkchaos.yaml"),
  STRESS_CHAOS("StressChaos", "stressChaos", "chaos-mesh.org_stresschaos.yaml"),
  HTTP_CHAOS("HTTPChaos", "httpChaos", "chaos-mesh.org_httpchaos.yaml"),
  IO_CHAOS("IOChaos", "ioChaos", "chaos-mesh.org_iochaos.yaml"),
  TIME_CHAOS("TimeChaos", "timeChaos", "chaos-mesh.org_timechaos.yaml"),
  DNS_CHAOS("DNSChaos", "dnsChaos", "chaos-mesh.org_dnschaos.yaml");

  private final String kind;
  private final String field;
  private final String crdFile;

  ChaosKind(String kind, String field, String crdFile) {
    this.kind = kind;
    this.field = field;
    this.crdFile = crdFile;
  }

  /** The resource kind, e.g. {@code PodChaos}; also the Workflow template type. */
  public String kind() {
    return kind;
  }

  /**
   * The key of this kind's spec inside a Workflow template or a Schedule, e.g. {@code podChaos}.
   */
  public String field() {
    return field;
  }

  /** The CRD file under {@code schemas/chaos-mesh/}. */
  public String crdFile() {
    return crdFile;
  }
}
