package io.augur.chaos.adaptive;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.domain.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An Alertmanager webhook receiver (loopback only: it has no authentication) that responds to every
 * firing alert it is sent, one at a time on a single worker, in arrival order. A failure id (the
 * alert's fingerprint) responded to within {@code cooldown} is not acted on again: Alertmanager
 * re-sends a group's alerts on every group interval.
 */
public final class RecoveryWebhook implements AutoCloseable {
  private static final int MAX_BODY = 1 << 20;

  private final HttpServer http;
  private final ExecutorService worker;
  private ExecutorService httpThreads;
  private final Map<String, Long> handled = new ConcurrentHashMap<>();

  private RecoveryWebhook(HttpServer http, ExecutorService worker) {
    this.http = http;
    this.worker = worker;
  }

  /**
   * @param health the probe each response measures recovery with
   * @param log receives one line per response (failure, status, strategy, reasons)
   */
  public static RecoveryWebhook start(
      HostPort at,
      RecoveryResponder responder,
      RecoveryResponder.HealthProbe health,
      String defaultNamespace,
      Set<String> criticalServices,
      Duration cooldown,
      Clock clock,
      Consumer<String> log) {
    Checks.nonNull("at", at);
    Checks.nonNull("responder", responder);
    Checks.nonNull("health", health);
    Checks.nonNull("cooldown", cooldown);
    Set<String> critical = Set.copyOf(criticalServices);
    Consumer<String> out = log == null ? s -> {} : log;
    try {
      InetAddress addr = InetAddress.getByName(at.host());
      if (!addr.isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "the recovery webhook has no authentication, so it listens on loopback only; "
                + "got "
                + at);
      }
      HttpServer http = HttpServer.create(new InetSocketAddress(addr, at.port()), 16);
      ExecutorService worker =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "augur-recovery-webhook");
                t.setDaemon(true);
                return t;
              });
      RecoveryWebhook w = new RecoveryWebhook(http, worker);
      http.createContext(
          "/",
          ex -> w.handle(ex, responder, health, defaultNamespace, critical, cooldown, clock, out));
      w.httpThreads =
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread t = new Thread(r, "augur-recovery-webhook-http");
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(w.httpThreads);
      http.start();
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the recovery webhook on " + at + ": " + e.getMessage(), e);
    }
  }

  /**
   * The URL to give Alertmanager's {@code webhook_configs}, e.g. {@code http://127.0.0.1:9097/}.
   */
  public URI url() {
    InetSocketAddress a = http.getAddress();
    return URI.create("http://" + new HostPort(a.getAddress().getHostAddress(), a.getPort()) + "/");
  }

  private void handle(
      HttpExchange ex,
      RecoveryResponder responder,
      RecoveryResponder.HealthProbe health,
      String ns,
      Set<String> critical,
      Duration cooldown,
      Clock clock,
      Consumer<String> log)
      throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        send(ex, 405, "{\"error\":\"POST an Alertmanager webhook payload\"}");
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        send(ex, 413, "{\"error\":\"body larger than " + MAX_BODY + " bytes\"}");
        return;
      }
      List<Failure> failures;
      try {
        failures =
            Failures.parse(
                new String(body, StandardCharsets.UTF_8),
                "webhook payload",
                ns,
                critical,
                clock.millis());
      } catch (IllegalArgumentException e) {
        send(
            ex,
            400,
            EffectivenessLog.JSON.createObjectNode().put("error", e.getMessage()).toString());
        return;
      }
      int queued = 0;
      for (Failure f : failures) {
        long now = clock.millis();
        Long last = handled.get(f.id());
        if (last != null && now - last < cooldown.toMillis()) {
          continue;
        }
        handled.put(f.id(), now);
        queued++;
        worker.execute(
            () -> {
              try {
                RecoveryResponder.Response r = responder.respond(f, health);
                log.accept(
                    f.id()
                        + " ("
                        + f.failureType()
                        + " on "
                        + f.namespace()
                        + "/"
                        + f.service()
                        + "): "
                        + r.status()
                        + (r.strategy() == null ? "" : " " + r.strategy())
                        + (r.reasons().isEmpty() ? "" : " - " + String.join("; ", r.reasons())));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                log.accept(f.id() + ": response failed: " + e);
              }
            });
      }
      send(ex, 202, "{\"failures\":" + failures.size() + ",\"queued\":" + queued + "}");
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  /** Stops accepting, then waits up to {@code grace} for the response under way. */
  public void close(Duration grace) throws InterruptedException {
    http.stop(0);
    httpThreads.shutdownNow();
    worker.shutdown();
    if (!worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      worker.shutdownNow();
    }
  }

  @Override
  public void close() {
    try {
      close(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
