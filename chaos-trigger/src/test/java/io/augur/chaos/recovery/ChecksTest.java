package io.augur.chaos.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks against real things: a process, a loopback HTTP server, nothing listening. */
class ChecksTest {
  private final CheckContext ctx = CheckContext.of(null);

  @Test
  void shouldJudgeACommandByItsExitStatusWithinItsTimeout() throws Exception {
    assertTrue(
        new CommandCheck(List.of("sh", "-c", "echo ready"), 0, Duration.ofSeconds(5))
            .evaluate(ctx)
            .held());
    Observation three =
        new CommandCheck(List.of("sh", "-c", "exit 3"), 0, Duration.ofSeconds(5)).evaluate(ctx);
    assertEquals(new Observation(false, "exit 3 \"\""), three);
    assertTrue(
        new CommandCheck(List.of("sh", "-c", "exit 3"), 3, Duration.ofSeconds(5))
            .evaluate(ctx)
            .held());
    long t = System.nanoTime();
    Observation slow =
        new CommandCheck(List.of("sleep", "30"), 0, Duration.ofMillis(300)).evaluate(ctx);
    assertEquals("still running after 300ms, killed", slow.detail());
    assertTrue(System.nanoTime() - t < Duration.ofSeconds(10).toNanos());
    assertTrue(
        new CommandCheck(List.of("no-such-program-here"), 0, Duration.ofSeconds(1))
            .evaluate(ctx)
            .detail()
            .startsWith("cannot start no-such-program-here"));
  }

  @Test
  void shouldNotBlockOnACommandThatWritesMoreThanAPipeHolds() throws Exception {
    Observation o =
        new CommandCheck(
                List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x; exit 0"),
                0,
                Duration.ofSeconds(10))
            .evaluate(ctx);
    assertTrue(o.held(), o.detail());
  }

  @Test
  void shouldJudgeAnHttpProbeByStatusAndBody() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] b = "state=OPEN failures=3\n".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(503, b.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
          }
        });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      Observation ok = new HttpCheck(url, 503, "state=OPEN", Duration.ofSeconds(2)).evaluate(ctx);
      assertEquals(new Observation(true, "HTTP 503 \"state=OPEN failures=3\""), ok);
      assertFalse(new HttpCheck(url, 200, null, Duration.ofSeconds(2)).evaluate(ctx).held());
      assertFalse(new HttpCheck(url, 503, "CLOSED", Duration.ofSeconds(2)).evaluate(ctx).held());
    } finally {
      server.stop(0);
    }
    int closed = PrometheusServer.freePort();
    Observation none =
        new HttpCheck(
                URI.create("http://127.0.0.1:" + closed + "/"), 200, null, Duration.ofSeconds(1))
            .evaluate(ctx);
    assertFalse(none.held());
    assertTrue(none.detail().startsWith("no answer: ConnectException"), none.detail());
  }

  @Test
  void shouldNotHoldAPromqlCheckWithoutAPrometheus() {
    assertEquals(
        new Observation(false, "no Prometheus configured for PromQL checks (--prometheus)"),
        new PromqlCheck("up == 1").evaluate(ctx));
  }
}
