package io.augur.chaos.exec.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.exec.FaultException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which API failures are retried, how long it waits, and what the error says. */
class KubeCallsTest {
  private final List<Duration> sleeps = new ArrayList<>();
  private final KubeCalls calls = new KubeCalls(4, Duration.ofMillis(100), sleeps::add);

  private static KubernetesClientException http(int code, String message) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @Test
  void shouldRetryServiceUnavailableWithDoublingBackoffUntilItSucceeds() {
    AtomicInteger n = new AtomicInteger();
    String r =
        calls.call(
            "create PodChaos prod/x",
            () -> {
              if (n.incrementAndGet() < 3) {
                throw http(503, "etcd leader changed");
              }
              return "ok";
            });
    assertEquals("ok", r);
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
  }

  @Test
  void shouldFailAtOnceOnAnErrorThatRetryingCannotFixAndNameTheResourceAndStatus() {
    AtomicInteger n = new AtomicInteger();
    FaultException e =
        assertThrows(
            FaultException.class,
            () ->
                calls.call(
                    "create PodChaos prod/x",
                    () -> {
                      n.incrementAndGet();
                      throw http(403, "podchaos.chaos-mesh.org is forbidden");
                    }));
    assertEquals(1, n.get());
    assertEquals(List.of(), sleeps);
    assertEquals(
        "cannot create PodChaos prod/x: HTTP 403 (podchaos.chaos-mesh.org is forbidden)",
        e.getMessage());
    assertEquals(403, KubeCalls.code(e));
  }

  @Test
  void shouldGiveUpOnAnUnreachableApiServerAfterTheLastAttempt() {
    AtomicInteger n = new AtomicInteger();
    FaultException e =
        assertThrows(
            FaultException.class,
            () ->
                calls.call(
                    "delete PodChaos prod/x",
                    () -> {
                      n.incrementAndGet();
                      throw new KubernetesClientException(
                          "Failed to connect", new ConnectException("Connection refused"));
                    }));
    assertEquals(4, n.get());
    assertEquals(
        List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), sleeps);
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot delete PodChaos prod/x: API server unreachable (ConnectException: Connection refused)"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("(after 4 attempts)"), e.getMessage());
  }

  @Test
  void shouldStopRetryingWhenInterruptedAndKeepTheFlag() {
    KubeCalls interrupted =
        new KubeCalls(
            4,
            Duration.ofMillis(100),
            d -> {
              throw new InterruptedException();
            });
    FaultException e =
        assertThrows(
            FaultException.class,
            () ->
                interrupted.call(
                    "read PodChaos prod/x",
                    () -> {
                      throw http(500, "boom");
                    }));
    assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    assertTrue(Thread.interrupted(), "the interrupt flag is restored (and cleared here)");
  }

  @Test
  void shouldRejectAttemptsOutsideTheBounds() {
    assertThrows(
        IllegalArgumentException.class, () -> new KubeCalls(0, Duration.ofMillis(1), d -> {}));
    assertThrows(
        IllegalArgumentException.class, () -> new KubeCalls(11, Duration.ofMillis(1), d -> {}));
  }
}
