package io.augur.chaos.safety;

import io.augur.domain.Checks;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces experiments may run in. {@code kube-system} and every other {@code kube-*}
 * namespace are refused even when listed: the control plane is never a target.
 */
public record NamespaceAllowlist(Set<String> namespaces) {
  public NamespaceAllowlist {
    namespaces = Set.copyOf(Checks.noNullElements("namespaces", namespaces));
  }

  public static boolean isForbidden(String namespace) {
    return namespace == null
        || namespace.isBlank()
        || namespace.equals("kube-system")
        || namespace.startsWith("kube-");
  }

  public boolean allows(String namespace) {
    return !isForbidden(namespace) && namespaces.contains(namespace);
  }

  @Override
  public String toString() {
    return new TreeSet<>(namespaces).toString();
  }
}
