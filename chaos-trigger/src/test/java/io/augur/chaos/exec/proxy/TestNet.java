package io.augur.chaos.exec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Socket helpers for the proxy tests: round trips through an echo, a raw HTTP GET, a tiny HTTP
 * upstream.
 */
public final class TestNet {
  private TestNet() {}

  public static Socket connect(InetSocketAddress at) throws IOException {
    Socket s = new Socket();
    s.connect(at, 3_000);
    s.setTcpNoDelay(true);
    s.setSoTimeout(10_000);
    return s;
  }

  /** Sends one byte through an echo and waits for it; the round trip in ms. */
  public static double roundTripMs(Socket s) throws IOException {
    long t0 = System.nanoTime();
    s.getOutputStream().write(42);
    s.getOutputStream().flush();
    int b = s.getInputStream().read();
    assertEquals(42, b, "the echo should return the byte");
    return (System.nanoTime() - t0) / 1e6;
  }

  public static double median(double[] xs) {
    double[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }

  public static double medianRoundTripMs(Socket s, int n) throws IOException {
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = roundTripMs(s);
    }
    return median(xs);
  }

  /** Reads exactly {@code n} bytes. */
  public static byte[] readN(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    assertEquals(n, b.length, "stream ended after " + b.length + " of " + n + " bytes");
    return b;
  }

  /** {@code GET /} over a fresh connection with {@code Connection: close}; the whole response. */
  public static String httpGet(InetSocketAddress at) throws IOException {
    try (Socket s = connect(at)) {
      s.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      s.getInputStream().transferTo(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** An HTTP upstream on 127.0.0.1 that answers every request with 200 "ok". */
  public static HttpServer okServer() throws IOException {
    HttpServer h =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    h.createContext(
        "/",
        ex -> {
          byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    h.start();
    return h;
  }

  public static HostPort address(HttpServer h) {
    return new HostPort("127.0.0.1", h.getAddress().getPort());
  }
}
