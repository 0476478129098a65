import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node of a two-node service that fails over by port: it serves {@code NAME} on 127.0.0.1:PORT once
 * it holds the port, and until then tries to take it every 100 ms. Start a primary first and a
 * standby second; kill the primary and the standby takes the port over. The node holding the port
 * also serves {@code /metrics} ({@code augur_demo_serving{node="NAME"} 1}) for Prometheus. Writes its pid to PIDFILE and
 * exits by itself after MAX_SECONDS (so a forgotten demo does not run forever).
 *
 * <p>{@code java FailoverNode.java NAME PORT PIDFILE [MAX_SECONDS]}
 */
public final class FailoverNode {
  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: java FailoverNode.java NAME PORT PIDFILE [MAX_SECONDS]");
      System.exit(2);
    }
    String name = args[0];
    int port = Integer.parseInt(args[1]);
    Path pidFile = Path.of(args[2]);
    long maxMs = (args.length > 3 ? Long.parseLong(args[3]) : 600) * 1000;
    long end = System.currentTimeMillis() + maxMs;
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    HttpServer server = null;
    while (server == null && System.currentTimeMillis() < end) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
      } catch (BindException taken) {
        Thread.sleep(100);
      }
    }
    if (server == null) {
      return;
    }
    byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      } catch (IOException ignored) {
        // client went away
      }
    });
    byte[] metrics = ("# TYPE augur_demo_serving gauge\naugur_demo_serving{node=\"" + name + "\"} 1\n")
        .getBytes(StandardCharsets.UTF_8);
    server.createContext("/metrics", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      ex.sendResponseHeaders(200, metrics.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(metrics);
      } catch (IOException ignored) {
        // client went away
      }
    });
    server.start();
    System.out.println(name + " serving on 127.0.0.1:" + port);
    Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
    server.stop(0);
  }
}
