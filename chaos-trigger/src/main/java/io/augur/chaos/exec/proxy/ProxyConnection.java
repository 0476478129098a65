package io.augur.chaos.exec.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One client connection through the proxy: TLS termination (when configured), the connection-level
 * toxics ({@code http_status}, {@code tls_expired}) decided once when it is set up, then one {@link
 * Pump} per direction. Ends on either side's error, on a reset, or when both directions have
 * closed.
 */
final class ProxyConnection implements Runnable {
  private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
  private static final int REQUEST_HEAD_LIMIT = 16 * 1024;

  private final FaultProxy proxy;
  private final Socket raw;
  private final Toxics toxics;
  private final ExecutorService pool;
  private final Map<Toxic, AtomicLong> resetCounters = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger halfClosed = new AtomicInteger();
  private volatile Socket client;
  private volatile Socket upstream;

  ProxyConnection(FaultProxy proxy, Socket raw, Toxics toxics, ExecutorService pool) {
    this.proxy = proxy;
    this.raw = raw;
    this.client = raw;
    this.toxics = toxics;
    this.pool = pool;
  }

  @Override
  public void run() {
    try {
      raw.setTcpNoDelay(true);
      if (proxy.tls().isPresent()) {
        client = handshake(proxy.tls().get());
      }
      Toxic status =
          toxics.snapshot().stream()
              .filter(t -> t.type() == ToxicType.HTTP_STATUS)
              .findFirst()
              .orElse(null);
      if (status != null) {
        answer(status);
        return;
      }
      Socket up = new Socket();
      upstream = up;
      if (closed.get()) {
        up.close();
        return;
      }
      HostPort to = proxy.nextUpstream();
      up.connect(new InetSocketAddress(to.host(), to.port()), proxy.connectTimeoutMs());
      up.setTcpNoDelay(true);
      if (resetDue()) {
        reset();
        return;
      }
      Pump toUpstream = new Pump(this, true, client.getInputStream(), up.getOutputStream(), toxics);
      Pump toClient = new Pump(this, false, up.getInputStream(), client.getOutputStream(), toxics);
      pool.execute(toClient);
      toUpstream.run();
    } catch (IOException | RejectedExecutionException e) {
      close(); // handshake refused by the client, upstream unreachable, or no thread left: drop
      // this connection
    }
  }

  private Socket handshake(TlsIdentity tls) throws IOException {
    SSLContext ctx = toxics.has(ToxicType.TLS_EXPIRED) ? tls.expired() : tls.valid();
    SSLSocket s =
        (SSLSocket)
            ctx.getSocketFactory()
                .createSocket(raw, raw.getInetAddress().getHostAddress(), raw.getPort(), true);
    s.setUseClientMode(false);
    raw.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
    s.startHandshake();
    raw.setSoTimeout(0);
    return s;
  }

  /** Reads the request head (bounded), answers with the toxic's status and closes. */
  private void answer(Toxic status) throws IOException {
    InputStream in = client.getInputStream();
    raw.setSoTimeout(2_000);
    try {
      int last4 = 0;
      for (int i = 0, b; i < REQUEST_HEAD_LIMIT && (b = in.read()) >= 0; i++) {
        last4 = (last4 << 8) | b;
        if (last4 == 0x0d0a0d0a) { // CR LF CR LF: the end of the request head
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // a client that sends nothing still gets its answer
    }
    int code = (int) status.longAttr("code");
    String reason = reason(code);
    byte[] body =
        (code
                + " "
                + reason
                + " (augur chaos proxy "
                + proxy.name()
                + ", toxic "
                + status.name()
                + ")\n")
            .getBytes(StandardCharsets.UTF_8);
    String auth = code == 401 ? "WWW-Authenticate: Bearer realm=\"augur-chaos\"\r\n" : "";
    String headers =
        "HTTP/1.1 "
            + code
            + " "
            + reason
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + body.length
            + "\r\n"
            + auth
            + "Connection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
    close();
  }

  static String reason(int code) {
    return switch (code) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> code < 500 ? "Client Error" : "Server Error";
    };
  }

  /** How many of the next {@code n} bytes may pass before the reset toxic {@code t} fires. */
  long bytesBeforeReset(Toxic t, int n) {
    long limit = t.longAttr("bytes");
    long used = resetCounters.computeIfAbsent(t, k -> new AtomicLong()).getAndAdd(n);
    return Math.max(0, Math.min(n, limit - used));
  }

  /** Whether an active reset toxic's byte limit has been reached on this connection. */
  boolean resetDue() {
    for (Toxic t : toxics.snapshot()) {
      if (t.type() == ToxicType.RESET_PEER) {
        AtomicLong used = resetCounters.get(t);
        if (t.longAttr("bytes") == 0 || (used != null && used.get() >= t.longAttr("bytes"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** One direction ended cleanly: pass the end of stream on; close all once both have. */
  void halfClose(boolean upstreamDirection) {
    Socket to = upstreamDirection ? upstream : client;
    try {
      if (to != null && !to.isClosed()) {
        to.shutdownOutput();
      }
    } catch (IOException | UnsupportedOperationException e) {
      close();
      return;
    }
    if (halfClosed.incrementAndGet() >= 2) {
      close();
    }
  }

  /** Ends the connection with an RST to both sides (SO_LINGER 0). */
  void reset() {
    linger0(raw);
    linger0(upstream);
    quietly(raw); // the raw socket first, so no TLS close_notify goes out before the RST
    quietly(upstream);
    close();
  }

  private static void linger0(Socket s) {
    try {
      if (s != null && !s.isClosed()) {
        s.setSoLinger(true, 0);
      }
    } catch (IOException ignored) {
      // already gone: nothing to reset
    }
  }

  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    quietly(client);
    quietly(raw);
    quietly(upstream);
    proxy.forget(this);
    toxics.wake(); // a pump held back by latency, bandwidth or slow close stops waiting
  }

  boolean isClosed() {
    return closed.get();
  }

  private static void quietly(Socket s) {
    try {
      if (s != null) {
        s.close();
      }
    } catch (IOException ignored) {
      // closing is best effort
    }
  }
}
