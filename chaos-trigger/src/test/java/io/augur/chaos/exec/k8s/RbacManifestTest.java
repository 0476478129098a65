package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.augur.chaos.safety.NamespaceAllowlist;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document of the chaos executor's RBAC ({@code deploy/rbac/chaos-executor*.yaml}) parses as
 * the Kubernetes type it names, and together they grant the executor's account exactly what {@link
 * KubernetesExecutor} uses: get, list, watch, create and delete on the {@link ChaosResourceKind}s,
 * in named namespaces, nothing else.
 */
class RbacManifestTest {
  private static final Set<String> VERBS = Set.of("get", "list", "watch", "create", "delete");
  private static final Set<String> KINDS = Set.of("ServiceAccount", "Role", "RoleBinding");

  private static Path rbacDir() {
    return Paths.get(System.getProperty("augur.repo.root", "..")).resolve("deploy/rbac");
  }

  private static List<HasMetadata> documents() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(rbacDir())) {
      files =
          s.filter(p -> p.getFileName().toString().startsWith("chaos-executor"))
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    assertFalse(files.isEmpty(), "no YAML under " + rbacDir());
    KubernetesSerialization k8s = new KubernetesSerialization();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    // the job's own RBAC (augur-job.yaml) sits beside it and is checked by DeployManifestsTest
    List<HasMetadata> docs = new ArrayList<>();
    for (Path f : files) {
      try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(f.toFile())) {
        while (it.hasNext()) {
          JsonNode doc = it.next();
          if (doc == null || doc.isEmpty()) {
            continue;
          }
          String kind = doc.path("kind").asText();
          assertTrue(KINDS.contains(kind), f + ": only " + KINDS + " belong here, got " + kind);
          HasMetadata typed = k8s.convertValue(doc, HasMetadata.class);
          assertEquals(kind, typed.getKind(), f + ": " + doc);
          assertEquals(
              doc,
              k8s.convertValue(typed, JsonNode.class),
              f + ": fields the " + kind + " type does not know");
          docs.add(typed);
        }
      }
    }
    return docs;
  }

  @Test
  void shouldGrantOnlyTheVerbsAndKindsTheExecutorUsesInNamedNamespaces() throws IOException {
    Map<String, Set<String>> allowed = new HashMap<>();
    for (ChaosResourceKind k : ChaosResourceKind.all()) {
      allowed.computeIfAbsent(k.group(), g -> new HashSet<>()).add(k.plural());
    }
    List<Role> roles =
        documents().stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
    assertFalse(roles.isEmpty(), "no Role");
    for (Role role : roles) {
      String where =
          "Role " + role.getMetadata().getNamespace() + "/" + role.getMetadata().getName();
      assertFalse(
          NamespaceAllowlist.isForbidden(role.getMetadata().getNamespace()),
          where + " is in a forbidden namespace");
      Map<String, Set<String>> granted = new HashMap<>();
      for (PolicyRule rule : role.getRules()) {
        assertTrue(
            rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(),
            where + ": non-resource URLs");
        assertTrue(
            VERBS.containsAll(rule.getVerbs()),
            where + " grants verbs beyond " + VERBS + ": " + rule.getVerbs());
        for (String group : rule.getApiGroups()) {
          assertTrue(allowed.containsKey(group), where + " grants API group \"" + group + "\"");
          assertTrue(
              allowed.get(group).containsAll(rule.getResources()),
              where
                  + " grants "
                  + rule.getResources()
                  + " in "
                  + group
                  + " beyond "
                  + allowed.get(group));
          if (rule.getVerbs().containsAll(VERBS)) {
            granted.computeIfAbsent(group, g -> new HashSet<>()).addAll(rule.getResources());
          }
        }
      }
      assertEquals(
          allowed,
          granted,
          where + " must grant every verb the executor uses on every kind it creates");
    }
  }

  @Test
  void shouldBindTheRolesToTheExecutorsOwnServiceAccountOnly() throws IOException {
    List<HasMetadata> docs = documents();
    List<ServiceAccount> accounts =
        docs.stream()
            .filter(ServiceAccount.class::isInstance)
            .map(ServiceAccount.class::cast)
            .toList();
    assertEquals(1, accounts.size(), "one ServiceAccount");
    ServiceAccount sa = accounts.get(0);
    assertFalse(
        Set.of("flink", "default").contains(sa.getMetadata().getName()),
        "not the job's or the default account");
    Set<String> roleNamespaces =
        docs.stream()
            .filter(Role.class::isInstance)
            .map(d -> d.getMetadata().getNamespace())
            .collect(Collectors.toSet());
    Set<String> bound = new HashSet<>();
    for (RoleBinding b :
        docs.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast).toList()) {
      String where =
          "RoleBinding " + b.getMetadata().getNamespace() + "/" + b.getMetadata().getName();
      assertEquals(
          "Role",
          b.getRoleRef().getKind(),
          where + " must bind a namespaced Role, never a ClusterRole");
      assertTrue(
          roleNamespaces.contains(b.getMetadata().getNamespace()),
          where + " binds a Role not defined here");
      for (Subject s : b.getSubjects()) {
        assertEquals("ServiceAccount", s.getKind(), where);
        assertEquals(sa.getMetadata().getName(), s.getName(), where);
        assertEquals(sa.getMetadata().getNamespace(), s.getNamespace(), where);
      }
      bound.add(b.getMetadata().getNamespace());
    }
    assertEquals(roleNamespaces, bound, "every Role is bound");
  }
}
