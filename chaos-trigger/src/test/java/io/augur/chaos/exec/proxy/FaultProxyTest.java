package io.augur.chaos.exec.proxy;

import static io.augur.chaos.exec.proxy.TestNet.connect;
import static io.augur.chaos.exec.proxy.TestNet.medianRoundTripMs;
import static io.augur.chaos.exec.proxy.TestNet.readN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's toxics on real sockets on 127.0.0.1, in front of an echo server of the test's own.
 */
class FaultProxyTest {
  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy = FaultProxy.start("echo", new HostPort("127.0.0.1", 0), echo.address());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.clear();
    proxy.close();
    echo.close();
  }

  /**
   * Whether a connect is refused within {@code ms}: the JDK releases a listener only once its
   * accept thread left.
   */
  private boolean refusedWithin(long ms) throws IOException {
    long deadline = System.nanoTime() + ms * 1_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        connect(at()).close();
      } catch (ConnectException e) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  private InetSocketAddress at() {
    return proxy.listenAddress();
  }

  private static Toxic toxic(
      String name, ToxicType type, ToxicStream stream, Map<String, ? extends Number> attrs) {
    return Toxic.of(name, type, stream, attrs);
  }

  @Test
  void shouldForwardBytesUnchangedWithoutToxics() throws IOException {
    byte[] data = new byte[100_000];
    new SplittableRandom(1).nextBytes(data);
    try (Socket s = connect(at())) {
      byte[] back = exchange(s, data);
      assertArrayEquals(data, back);
    }
  }

  @Test
  void shouldAddTheConfiguredLatencyAndDropItOnRemoval() throws IOException {
    try (Socket s = connect(at())) {
      double base = medianRoundTripMs(s, 7);
      assertTrue(
          proxy.add(
              toxic("lat", ToxicType.LATENCY, ToxicStream.DOWNSTREAM, Map.of("latency", 150))));
      double slow = medianRoundTripMs(s, 7);
      double added = slow - base;
      assertTrue(
          added >= 145 && added <= 250,
          "added latency should be about 150 ms, was " + added + " (base " + base + ")");
      proxy.remove("lat");
      double after = medianRoundTripMs(s, 7);
      System.out.printf(
          "measured: latency 150 ms toxic: median round trip %.1f ms before, %.1f ms with, %.1f ms after%n",
          base, slow, after);
      assertTrue(
          after < base + 40,
          "latency should be gone after removal: " + after + " ms vs base " + base);
    }
  }

  @Test
  void shouldAddLatencyInBothDirectionsWhenAskedTo() throws IOException {
    try (Socket s = connect(at())) {
      double base = medianRoundTripMs(s, 5);
      proxy.add(toxic("lat", ToxicType.LATENCY, ToxicStream.BOTH, Map.of("latency", 100)));
      double added = medianRoundTripMs(s, 5) - base;
      assertTrue(
          added >= 195 && added <= 300, "100 ms each way should add about 200 ms, added " + added);
    }
  }

  @Test
  void shouldSpreadRoundTripsByTheJitter() throws IOException {
    try (Socket s = connect(at())) {
      proxy.add(
          toxic(
              "jit",
              ToxicType.LATENCY,
              ToxicStream.DOWNSTREAM,
              Map.of("latency", 100, "jitter", 40)));
      double min = Double.MAX_VALUE;
      double max = 0;
      for (int i = 0; i < 10; i++) {
        double rt = TestNet.roundTripMs(s);
        min = Math.min(min, rt);
        max = Math.max(max, rt);
      }
      System.out.printf(
          "measured: latency 100 ms jitter 40 ms: round trips %.1f..%.1f ms%n", min, max);
      assertTrue(min >= 58, "no round trip should be under latency - jitter (60 ms), min " + min);
      assertTrue(
          max <= 260, "no round trip should be far over latency + jitter (140 ms), max " + max);
      assertTrue(max - min > 10, "jitter should spread the round trips, " + min + ".." + max);
    }
  }

  @Test
  void shouldReleaseHeldDataAtOnceWhenLatencyIsRemoved() throws Exception {
    try (Socket s = connect(at())) {
      proxy.add(
          toxic("long", ToxicType.LATENCY, ToxicStream.DOWNSTREAM, Map.of("latency", 60_000)));
      s.getOutputStream().write(7);
      s.getOutputStream().flush();
      s.setSoTimeout(300);
      assertThrows(
          SocketTimeoutException.class,
          () -> s.getInputStream().read(),
          "the byte should be held back");
      long t0 = System.nanoTime();
      proxy.remove("long");
      s.setSoTimeout(5_000);
      assertEquals(7, s.getInputStream().read());
      double ms = (System.nanoTime() - t0) / 1e6;
      System.out.printf(
          "measured: held byte arrived %.1f ms after the 60 s latency toxic was removed%n", ms);
      assertTrue(ms < 1_000, "the held byte should arrive right after removal, took " + ms + " ms");
    }
  }

  @Test
  void shouldLimitBandwidthOfATransfer() throws Exception {
    byte[] data = new byte[60_000];
    new SplittableRandom(2).nextBytes(data);
    try (Socket s = connect(at())) {
      long t0 = System.nanoTime();
      exchange(s, data);
      double fast = (System.nanoTime() - t0) / 1e9;
      proxy.add(toxic("bw", ToxicType.BANDWIDTH, ToxicStream.DOWNSTREAM, Map.of("rate", 40_000)));
      t0 = System.nanoTime();
      byte[] back = exchange(s, data);
      double slow = (System.nanoTime() - t0) / 1e9;
      assertArrayEquals(data, back, "bandwidth must not change the bytes");
      assertTrue(
          slow >= 1.2 && slow <= 8,
          "60 kB at 40 kB/s should take about 1.5 s, took " + slow + " s");
      assertTrue(fast < 1.0, "without the toxic the same transfer is fast, took " + fast + " s");
      proxy.remove("bw");
      t0 = System.nanoTime();
      exchange(s, data);
      double after = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "measured: 60000 B echo: %.2f s plain, %.2f s at 40000 B/s, %.2f s after removal%n",
          fast, slow, after);
      assertTrue(after < 1.0, "after removal the transfer is fast again, took " + after + " s");
    }
  }

  @Test
  void shouldResetLiveAndNewConnectionsAtOnce() throws IOException {
    try (Socket s = connect(at())) {
      TestNet.roundTripMs(s);
      proxy.add(toxic("rst", ToxicType.RESET_PEER, ToxicStream.DOWNSTREAM, Map.of()));
      assertReset(s);
    }
    SocketException fresh =
        assertThrows(
            SocketException.class,
            () -> {
              try (Socket s = connect(at())) { // the reset may already fail the connect
                for (int i = 0; i < 3; i++) {
                  s.getOutputStream().write(1);
                  if (s.getInputStream().read() < 0) {
                    return;
                  }
                }
              }
            },
            "a new connection is reset at once");
    assertTrue(
        fresh.getMessage().toLowerCase().contains("reset"),
        "expected a connection reset, got " + fresh);
    proxy.remove("rst");
    try (Socket s = connect(at())) {
      TestNet.roundTripMs(s);
    }
  }

  @Test
  void shouldResetAConnectionAfterTheGivenBytes() throws Exception {
    proxy.add(toxic("rst", ToxicType.RESET_PEER, ToxicStream.UPSTREAM, Map.of("bytes", 1_000)));
    try (Socket s = connect(at())) {
      byte[] data = new byte[4_000];
      CompletableFuture<Void> w =
          CompletableFuture.runAsync(
              () -> {
                try {
                  s.getOutputStream().write(data);
                } catch (IOException ignored) {
                  // the reset may hit the writer too
                }
              });
      InputStream in = s.getInputStream();
      int got = 0;
      SocketException reset = null;
      byte[] buf = new byte[1024];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          got += n;
        }
      } catch (SocketException e) {
        reset = e;
      }
      w.get(5, TimeUnit.SECONDS);
      assertTrue(got <= 1_000, "at most 1000 bytes pass before the reset, got " + got);
      assertTrue(
          reset != null && reset.getMessage().toLowerCase().contains("reset"),
          "the client should see a connection reset, got "
              + (reset == null ? "an orderly end after " + got + " bytes" : reset));
    }
  }

  @Test
  void shouldRefuseConnectionsWhileDownAndAcceptThemAgainAfter() throws IOException {
    Socket live = connect(at());
    TestNet.roundTripMs(live);
    proxy.add(toxic("down", ToxicType.DOWN, null, Map.of()));
    assertTrue(
        refusedWithin(2_000), "connects must be refused while down (within 2 s of the toxic)");
    try (live) {
      assertThrows(
          IOException.class,
          () -> {
            live.getOutputStream().write(1);
            if (live.getInputStream().read() < 0) {
              throw new IOException("closed");
            }
          },
          "a live connection must end when the dependency goes down");
    }
    proxy.remove("down");
    try (Socket s = connect(at())) {
      TestNet.roundTripMs(s);
    }
  }

  @Test
  void shouldFlipOneBitInTheGivenShareOfBytesReproducibly() throws IOException {
    byte[] data = new byte[50_000];
    new SplittableRandom(3).nextBytes(data);
    proxy.add(
        toxic(
            "flip", ToxicType.CORRUPTION, ToxicStream.UPSTREAM, Map.of("share", 0.1, "seed", 42)));
    byte[] first;
    byte[] second;
    try (Socket s = connect(at())) {
      first = exchange(s, data);
    }
    try (Socket s = connect(at())) {
      second = exchange(s, data);
    }
    int changed = 0;
    for (int i = 0; i < data.length; i++) {
      if (first[i] != data[i]) {
        changed++;
        assertEquals(
            1,
            Integer.bitCount((first[i] ^ data[i]) & 0xff),
            "exactly one bit flipped at byte " + i);
      }
    }
    double share = changed / (double) data.length;
    System.out.printf(
        "measured: corruption share 0.1: %d of %d bytes changed (%.4f)%n",
        changed, data.length, share);
    assertTrue(share > 0.09 && share < 0.11, "about 10% of the bytes should change, " + share);
    assertArrayEquals(first, second, "the same seed corrupts the same bytes");
    proxy.remove("flip");
    try (Socket s = connect(at())) {
      assertArrayEquals(data, exchange(s, data));
    }
  }

  @Test
  void shouldDelayTheCloseBySlowClose() throws IOException {
    proxy.add(toxic("sc", ToxicType.SLOW_CLOSE, ToxicStream.DOWNSTREAM, Map.of("delay", 400)));
    try (Socket s = connect(at())) {
      TestNet.roundTripMs(s);
      long t0 = System.nanoTime();
      s.shutdownOutput();
      assertEquals(-1, s.getInputStream().read());
      double ms = (System.nanoTime() - t0) / 1e6;
      assertTrue(ms >= 380, "the close should arrive after about 400 ms, after " + ms);
    }
  }

  @Test
  void shouldAnswerWithTheHttpStatusInsteadOfForwarding() throws IOException {
    HttpServer http = TestNet.okServer();
    try (FaultProxy p =
            FaultProxy.start("http", new HostPort("127.0.0.1", 0), TestNet.address(http));
        Socket pooled = connect(p.listenAddress())) {
      assertTrue(TestNet.httpGet(p.listenAddress()).startsWith("HTTP/1.1 200"));
      p.add(toxic("auth", ToxicType.HTTP_STATUS, null, Map.of("code", 401)));
      assertEquals(
          -1,
          pooled.getInputStream().read(),
          "a live (pooled) connection is closed so its client reconnects");
      String r401 = TestNet.httpGet(p.listenAddress());
      assertTrue(r401.startsWith("HTTP/1.1 401 Unauthorized\r\n"), r401);
      assertTrue(r401.contains("WWW-Authenticate: "), r401);
      p.remove("auth");
      p.add(toxic("forbid", ToxicType.HTTP_STATUS, null, Map.of("code", 403)));
      assertTrue(TestNet.httpGet(p.listenAddress()).startsWith("HTTP/1.1 403 Forbidden\r\n"));
      p.remove("forbid");
      String ok = TestNet.httpGet(p.listenAddress());
      assertTrue(ok.startsWith("HTTP/1.1 200") && ok.endsWith("ok\n"), ok);
    } finally {
      http.stop(0);
    }
  }

  @Test
  void shouldResetConnectionsBeyondTheBound() throws IOException {
    try (FaultProxy p =
            FaultProxy.start(
                "small", new HostPort("127.0.0.1", 0), echo.address(), null, 2, 2_000);
        Socket a = connect(p.listenAddress());
        Socket b = connect(p.listenAddress())) {
      TestNet.roundTripMs(a);
      TestNet.roundTripMs(b);
      assertThrows(
          IOException.class,
          () -> {
            try (Socket c = connect(p.listenAddress())) { // the reset may already fail the connect
              c.getOutputStream().write(1);
              if (c.getInputStream().read() < 0) {
                throw new IOException("closed");
              }
            }
          },
          "a third connection is over the bound of 2");
      TestNet.roundTripMs(a);
      assertEquals(2, p.liveConnections());
    }
  }

  @Test
  void shouldRefuseAnExpiredCertificateToxicWithoutTls() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> proxy.add(toxic("exp", ToxicType.TLS_EXPIRED, null, Map.of())));
    assertTrue(e.getMessage().contains("does not terminate TLS"), e.getMessage());
    assertFalse(proxy.toxic("exp").isPresent());
  }

  private static void assertReset(Socket s) {
    SocketException e =
        assertThrows(
            SocketException.class,
            () -> {
              for (int i = 0; i < 3 && s.getInputStream().read() >= 0; i++) {
                s.getOutputStream().write(1);
              }
            });
    assertTrue(
        e.getMessage().toLowerCase().contains("reset"), "expected a connection reset, got " + e);
  }

  /** Writes {@code data} from another thread while reading the echo of it. */
  static byte[] exchange(Socket s, byte[] data) throws IOException {
    OutputStream out = s.getOutputStream();
    CompletableFuture<Void> w =
        CompletableFuture.runAsync(
            () -> {
              try {
                out.write(data);
                out.flush();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    byte[] back = readN(s.getInputStream(), data.length);
    w.join();
    return back;
  }
}
