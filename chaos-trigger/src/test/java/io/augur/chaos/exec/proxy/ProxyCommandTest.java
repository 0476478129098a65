package io.augur.chaos.exec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.cli.ChaosCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur chaos proxy} as a real process: started, given toxics over its API, stopped with
 * SIGTERM.
 */
class ProxyCommandTest {
  private static final Pattern READY =
      Pattern.compile(
          "proxy (\\S+) listening on 127\\.0\\.0\\.1:(\\d+)(?: \\(TLS\\))?, forwarding to (\\S+); control on (http://\\S+)");
  @TempDir Path dir;

  @Test
  void shouldRunUntilSigtermAndRemoveEveryToxicOnExit() throws Exception {
    try (EchoServer echo = new EchoServer()) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ChaosMainForTests.class.getName(),
                  "proxy",
                  "--listen",
                  "127.0.0.1:0",
                  "--upstream",
                  echo.address().toString(),
                  "--control",
                  "127.0.0.1:0",
                  "--name",
                  "db")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("proxy.log").toFile())
              .start();
      Path lines = dir.resolve("proxy.log");
      try {
        Matcher ready = await(lines, READY, 60);
        assertEquals("db", ready.group(1));
        assertEquals(echo.address().toString(), ready.group(3));
        InetSocketAddress listen =
            new InetSocketAddress("127.0.0.1", Integer.parseInt(ready.group(2)));
        ProxyClient client = new ProxyClient(URI.create(ready.group(4)), Duration.ofSeconds(5));

        try (Socket s = TestNet.connect(listen)) {
          double base = TestNet.medianRoundTripMs(s, 3);
          client.add(
              "db",
              Toxic.of("lat", ToxicType.LATENCY, ToxicStream.DOWNSTREAM, Map.of("latency", 120)));
          client.add(
              "db",
              Toxic.of("flip", ToxicType.CORRUPTION, ToxicStream.UPSTREAM, Map.of("share", 0.0)));
          await(lines, Pattern.compile("toxic added: .*\"name\":\"flip\".*"), 10);
          double slow = TestNet.medianRoundTripMs(s, 3);
          assertTrue(
              slow - base >= 110, "the subprocess proxy should add 120 ms, added " + (slow - base));
        }

        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the proxy should exit on SIGTERM");
        Matcher stopped =
            await(
                lines,
                Pattern.compile("stopping: removed (\\d+) toxic\\(s\\) \\[(.*)\\]"),
                10,
                "exit code " + p.exitValue());
        assertEquals("2", stopped.group(1));
        assertEquals("lat, flip", stopped.group(2));
        assertThrows(
            ConnectException.class,
            () -> TestNet.connect(listen).close(),
            "nothing listens after exit");
        ProxyControlException gone =
            assertThrows(ProxyControlException.class, () -> client.toxics("db"));
        assertTrue(gone.refused(), gone.getMessage());
      } finally {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void shouldGenerateCertificatesAndServeTheExpiredOneOnRequest() throws Exception {
    try (EchoServer echo = new EchoServer()) {
      Path log = dir.resolve("tls.log");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  ChaosMainForTests.class.getName(),
                  "proxy",
                  "--listen",
                  "127.0.0.1:0",
                  "--upstream",
                  echo.address().toString(),
                  "--control",
                  "127.0.0.1:0",
                  "--name",
                  "web",
                  "--tls-generate",
                  dir.resolve("certs").toString(),
                  "--tls-password",
                  "secret-1")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        Matcher ready = await(log, READY, 90);
        assertTrue(ready.group(0).contains("(TLS)"), ready.group(0));
        Matcher gen = await(log, Pattern.compile("client trust store (\\S+),"), 5);
        SSLContext trust = trusting(Path.of(gen.group(1)), "secret-1".toCharArray());
        int port = Integer.parseInt(ready.group(2));
        try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket("localhost", port)) {
          s.startHandshake();
        }
        new ProxyClient(URI.create(ready.group(4)), Duration.ofSeconds(5))
            .add("web", Toxic.of("expired", ToxicType.TLS_EXPIRED, null, Map.of()));
        SSLHandshakeException e =
            assertThrows(
                SSLHandshakeException.class,
                () -> {
                  try (SSLSocket s =
                      (SSLSocket)
                          trusting(Path.of(gen.group(1)), "secret-1".toCharArray())
                              .getSocketFactory()
                              .createSocket("localhost", port)) {
                    s.startHandshake();
                  }
                });
        Throwable c = e;
        while (c != null && !(c instanceof CertificateExpiredException)) {
          c = c.getCause();
        }
        assertTrue(c != null, "expected an expired certificate, got " + e);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the proxy should exit on SIGTERM");
        assertEquals(
            "[expired]",
            await(log, Pattern.compile("stopping: removed 1 toxic\\(s\\) (\\[.*\\])"), 10)
                .group(1));
      } finally {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static SSLContext trusting(Path truststore, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(truststore)) {
      ks.load(in, password);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void shouldRefuseBadOptionsWithAClearMessage() {
    assertRefused(
        "--listen must be HOST:PORT, e.g. 127.0.0.1:8474, got \"nonsense\"",
        "proxy",
        "--listen",
        "nonsense",
        "--upstream",
        "127.0.0.1:1",
        "--control",
        "127.0.0.1:0");
    assertRefused(
        "upstream of proxy proxy needs a port",
        "proxy",
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        "127.0.0.1:0",
        "--control",
        "127.0.0.1:0");
    assertRefused(
        "cannot load TLS key store",
        "proxy",
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        "127.0.0.1:1",
        "--control",
        "127.0.0.1:0",
        "--tls-keystore",
        dir.resolve("missing.p12").toString());
    assertRefused(
        "loopback only",
        "proxy",
        "--listen",
        "127.0.0.1:0",
        "--upstream",
        "127.0.0.1:1",
        "--control",
        "0.0.0.0:0");
  }

  private static void assertRefused(String message, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ChaosCommand());
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    assertEquals(2, cmd.execute(args), err.toString());
    assertTrue(err.toString().contains(message), err.toString());
  }

  private static Matcher await(Path log, Pattern p, int seconds)
      throws InterruptedException, IOException {
    return await(log, p, seconds, "");
  }

  /** Waits (polling, bounded) for the process to have written a line matching {@code p}. */
  private static Matcher await(Path log, Pattern p, int seconds, String context)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String seen = "";
    do {
      seen = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      for (String l : seen.split("\n")) {
        Matcher m = p.matcher(l);
        if (m.find()) {
          return m;
        }
      }
      Thread.sleep(50); // polling for the process's output, not waiting for time to pass
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "no line matching " + p + " within " + seconds + " s " + context + "; saw:\n" + seen);
  }
}
