import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
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

/**
 * A client of a dependency with a circuit breaker, as resilience4j's works: it calls UPSTREAM every
 * 100 ms with a 300 ms timeout; 3 failures in a row open the breaker (calls fail fast); after 2 s it
 * lets one trial call through (HALF_OPEN), which closes it on success and opens it again on failure.
 * Serves http://127.0.0.1:PORT/breaker ("state=CLOSED|OPEN|HALF_OPEN failures=N") and / (the
 * upstream's answer when closed, "fallback" otherwise; always within the timeout). Writes its pid to
 * PIDFILE and exits after MAX_SECONDS.
 *
 * <p>{@code java BreakerClient.java UPSTREAM_URL PORT PIDFILE [MAX_SECONDS]}
 */
public final class BreakerClient {
  private static final int THRESHOLD = 3;
  private static final long OPEN_MS = 2_000;
  private static volatile String state = "CLOSED";
  private static volatile int failures;
  private static volatile long openedAt;
  private static volatile String lastAnswer = "";

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: java BreakerClient.java UPSTREAM_URL PORT PIDFILE [MAX_SECONDS]");
      System.exit(2);
    }
    URI upstream = URI.create(args[0]);
    int port = Integer.parseInt(args[1]);
    Path pidFile = Path.of(args[2]);
    long end = System.currentTimeMillis() + (args.length > 3 ? Long.parseLong(args[3]) : 600) * 1000;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/breaker", ex -> reply(ex, 200, "state=" + state + " failures=" + failures));
    server.createContext("/", ex -> reply(ex, 200, "CLOSED".equals(state) ? lastAnswer : "fallback"));
    server.start();
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    while (System.currentTimeMillis() < end) {
      if ("OPEN".equals(state) && System.currentTimeMillis() - openedAt >= OPEN_MS) {
        state = "HALF_OPEN";
      }
      if (!"OPEN".equals(state)) {
        boolean ok;
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(upstream).timeout(Duration.ofMillis(300)).build(),
              HttpResponse.BodyHandlers.ofString());
          ok = r.statusCode() < 500;
          if (ok) {
            lastAnswer = r.body().trim();
          }
        } catch (IOException e) {
          ok = false;
        }
        if (ok) {
          failures = 0;
          state = "CLOSED";
        } else if ("HALF_OPEN".equals(state) || ++failures >= THRESHOLD) {
          state = "OPEN";
          openedAt = System.currentTimeMillis();
        }
      }
      Thread.sleep(100);
    }
    server.stop(0);
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }
}
