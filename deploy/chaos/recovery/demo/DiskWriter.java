import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A writer that appends 64 KiB to DATA_DIR/writer.log every 100 ms (the file kept under 1 MiB) and
 * reports its health on http://127.0.0.1:PORT/health: 200 while writes succeed, 503 with the reason
 * while they do not. Like a database's flood-stage disk watermark, it refuses to write while the file
 * system has less than RESERVE_BYTES free, and resumes by itself once space is back; a write that
 * fails (ENOSPC) is reported the same way. Writes its pid to PIDFILE and exits after MAX_SECONDS.
 *
 * <p>{@code java DiskWriter.java DATA_DIR PORT RESERVE_BYTES PIDFILE [MAX_SECONDS]}
 */
public final class DiskWriter {
  private static volatile String problem = "starting";
  private static volatile long written;

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: java DiskWriter.java DATA_DIR PORT RESERVE_BYTES PIDFILE [MAX_SECONDS]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    long reserve = Long.parseLong(args[2]);
    Path pidFile = Path.of(args[3]);
    long end = System.currentTimeMillis() + (args.length > 4 ? Long.parseLong(args[4]) : 600) * 1000;
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext("/health", ex -> {
      String p = problem;
      byte[] body = (p == null ? "ok: " + written + " chunks written\n" : p + "\n").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(p == null ? 200 : 503, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      } catch (IOException ignored) {
        // client went away
      }
    });
    server.start();
    Path log = dir.resolve("writer.log");
    ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");
    while (System.currentTimeMillis() < end) {
      try {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < reserve) {
          problem = "disk full: refusing writes with " + free + " bytes free (reserve " + reserve + ")";
        } else {
          try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
            if (ch.size() > (1 << 20)) {
              ch.truncate(0);
            }
            chunk.clear();
            ch.write(chunk);
          }
          written++;
          problem = null;
        }
      } catch (IOException e) {
        problem = "disk write failed: " + e.getMessage();
      }
      Thread.sleep(100);
    }
    server.stop(0);
  }
}
