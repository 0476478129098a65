package io.augur.chaos.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.augur.chaos.cli.ChaosCommand;
import io.augur.chaos.recovery.PrometheusServer;
import io.augur.chaos.recovery.RepoFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A game day's notify action against a real Alertmanager (Debian's, on 127.0.0.1): the alert it
 * posts is accepted and listed with the game day's labels; and against a webhook of the test's own.
 */
@Tag("slow")
class GameDayNotifyIT {
  private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int gameday(String notify) throws IOException {
    Path s =
        Files.writeString(
            dir.resolve("notify.yaml"),
            """
        name: notify-drill
        notify: %s
        phases:
          - name: preparation
            duration: 300ms
            actions: [{notify: {name: announce, message: "drill starts"}}]
        """
                .formatted(notify));
    return new CommandLine(new ChaosCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(
            "gameday",
            s.toString(),
            "--metrics-file",
            RepoFiles.deploy("chaos/recovery/healthy.yaml").toString(),
            "--out",
            dir.resolve("report").toString(),
            "--journal",
            dir.resolve("journal").toString(),
            "--fail-on-violation");
  }

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void shouldPostTheNotificationAsAnAlertTheRealAlertmanagerAccepts() throws Exception {
    assumeTrue(
        Files.isExecutable(ALERTMANAGER),
        "prometheus-alertmanager missing (apt-get install prometheus-alertmanager)");
    int port = PrometheusServer.freePort();
    Files.writeString(
        dir.resolve("am.yml"), "route:\n  receiver: none\nreceivers:\n  - name: none\n");
    Process am =
        new ProcessBuilder(
                ALERTMANAGER.toString(),
                "--config.file=" + dir.resolve("am.yml"),
                "--storage.path=" + dir.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("am.log").toFile())
            .start();
    try {
      String base = "http://127.0.0.1:" + port;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (true) {
        try {
          if (http.send(
                      HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200) {
            break;
          }
        } catch (IOException notYet) {
          // starting
        }
        assertTrue(
            am.isAlive() && System.nanoTime() < deadline,
            "alertmanager not ready: " + Files.readString(dir.resolve("am.log")));
        Thread.sleep(50);
      }

      assertEquals(0, gameday("{alertmanager: \"" + base + "\"}"), out + "\n" + err);

      JsonNode alerts = JSON.readTree(get(base + "/api/v2/alerts"));
      assertEquals(1, alerts.size(), alerts.toString());
      JsonNode a = alerts.get(0);
      assertEquals("AugurGameDay", a.path("labels").path("alertname").asText());
      assertEquals("notify-drill", a.path("labels").path("gameday").asText());
      assertEquals("preparation", a.path("labels").path("phase").asText());
      assertEquals("drill starts", a.path("annotations").path("summary").asText());
      assertTrue(
          Files.readString(dir.resolve("report/notify-drill.md"))
              .contains(
                  "| announce | notify \"drill starts\" | ok: "
                      + "Alertmanager "
                      + base
                      + "/api/v2/alerts answered 200 |"));
    } finally {
      am.destroy();
      if (!am.waitFor(10, TimeUnit.SECONDS)) {
        am.destroyForcibly();
      }
    }
  }

  @Test
  void shouldPostTheNotificationToAWebhookAsJson() throws Exception {
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    HttpServer hook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/gameday",
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    hook.start();
    try {
      assertEquals(
          0,
          gameday("{webhook: \"http://127.0.0.1:" + hook.getAddress().getPort() + "/gameday\"}"),
          out + "\n" + err);
    } finally {
      hook.stop(0);
    }
    assertEquals(1, bodies.size(), bodies.toString());
    JsonNode b = JSON.readTree(bodies.get(0));
    assertEquals("notify-drill", b.path("gameday").asText());
    assertEquals("preparation", b.path("phase").asText());
    assertEquals("announce", b.path("action").asText());
    assertEquals("drill starts", b.path("message").asText());
  }
}
