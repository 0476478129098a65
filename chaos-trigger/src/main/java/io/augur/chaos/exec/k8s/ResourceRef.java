package io.augur.chaos.exec.k8s;

import io.augur.chaos.exec.InjectedFault;
import io.augur.domain.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/** One resource the executor created (or would create): its kind, namespace and name. */
public record ResourceRef(ChaosResourceKind kind, String namespace, String name) {
  static final String API_VERSION = "apiVersion";
  static final String KIND = "kind";
  static final String NAMESPACE = "namespace";
  static final String NAME = "name";

  public ResourceRef {
    Checks.nonNull("kind", kind);
    Checks.nonBlank("namespace", namespace);
    Checks.nonBlank("name", name);
  }

  /** The journal handle entries naming this resource. */
  Map<String, String> handle() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(API_VERSION, kind.apiVersion());
    h.put(KIND, kind.kind());
    h.put(NAMESPACE, namespace);
    h.put(NAME, name);
    return h;
  }

  /**
   * The resource a journalled fault names; an {@link IllegalStateException} naming the fault when
   * it names none.
   */
  static ResourceRef of(InjectedFault fault) {
    try {
      return new ResourceRef(
          ChaosResourceKind.of(fault.require(API_VERSION), fault.require(KIND)),
          fault.require(NAMESPACE),
          fault.require(NAME));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "fault " + fault.id() + " names no resource the executor knows: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return kind.kind() + " " + namespace + "/" + name;
  }
}
