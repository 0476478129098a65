package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.TestPlans;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.exec.FaultException;
import io.augur.chaos.exec.FaultJournal;
import io.augur.chaos.exec.InjectedFault;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KubernetesExecutor#fromEnvironment} finds the cluster the way kubectl does (here: a
 * kubeconfig, named by the {@code kubeconfig} system property, pointing at fabric8's mock API
 * server in CRUD mode) and honours {@code apply}.
 */
class KubernetesExecutorFromEnvironmentMockServerTest {
  @TempDir Path dir;
  private MockApiServer api;
  private AutoCloseable kubeconfig;

  @BeforeEach
  void start() throws Exception {
    api = new MockApiServer();
    kubeconfig = api.useKubeconfig(dir, "prod");
  }

  @AfterEach
  void stop() throws Exception {
    kubeconfig.close();
    api.close();
  }

  @Test
  void shouldCreateThroughTheKubeconfigsClusterOnlyWithApply() {
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    try (KubernetesExecutor dry = KubernetesExecutor.fromEnvironment(false)) {
      InjectedFault f = dry.inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
      assertTrue(
          dry.status(f).detail().startsWith("dry-run: would create PodChaos prod/"),
          dry.status(f).detail());
      assertTrue(
          api.requests.stream().anyMatch(r -> r.contains("dryRun=All")), api.requests.toString());
      dry.revert(f, journal);
    }
    try (KubernetesExecutor real = KubernetesExecutor.fromEnvironment(true)) {
      assertEquals("kubernetes", real.name());
      InjectedFault f = real.inject(TestPlans.approved(ExperimentType.POD_KILL), journal);
      assertNotNull(
          api.client
              .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
              .inNamespace("prod")
              .withName(f.require("name"))
              .get());
      real.revert(f, journal);
      assertNull(
          api.client
              .genericKubernetesResources(ChaosResourceKind.POD_CHAOS.context())
              .inNamespace("prod")
              .withName(f.require("name"))
              .get());
    }
    assertEquals(List.of(), journal.read().faults());
  }

  @Test
  void shouldKeepTheJournalEntryWhenTheCreateCannotReachTheApiServer() {
    FaultJournal journal = new FaultJournal(dir.resolve("journal"));
    api.stop();
    try (KubernetesExecutor real =
        KubernetesExecutor.fromEnvironment(
            true, KubernetesOptions.defaults().withRetries(2, java.time.Duration.ofMillis(10)))) {
      FaultException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              FaultException.class,
              () -> real.inject(TestPlans.approved(ExperimentType.POD_KILL), journal));
      assertTrue(
          e.getMessage().contains("create PodChaos prod/")
              && e.getMessage().contains("unreachable"),
          e.getMessage());
    }
    assertEquals(
        1,
        journal.read().faults().size(),
        "whether the create arrived is unknown: the entry stays for the reaper");
  }
}
