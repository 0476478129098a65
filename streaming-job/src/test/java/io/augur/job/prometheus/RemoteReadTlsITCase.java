package io.augur.job.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** Remote read over HTTPS with a self-signed certificate made by the JDK's keytool. */
class RemoteReadTlsITCase {
  private static final ReadQuery QUERY =
      new ReadQuery(0, 10_000, List.of(LabelMatcher.eq("__name__", "up")));
  private static final RemoteSeries UP =
      new RemoteSeries(Map.of("__name__", "up"), new long[] {1000}, new double[] {1});

  private static void keytool(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  @Test
  void shouldTrustOnlyTheConfiguredCaOrAnythingWhenToldToSkipVerification(@TempDir Path dir)
      throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of(System.getProperty("java.home"), "bin", "keytool")),
        "the JDK's keytool is missing");
    Path ks = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "s",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        ks.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    Path ca = dir.resolve("ca.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "s",
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit",
        "-file",
        ca.toString());

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext(
        "/api/v1/read",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().set("Content-Encoding", "snappy");
          FakeReadServer.respond(
              ex,
              200,
              "application/x-protobuf",
              Snappy.compress(RemoteReadCodec.encodeReadResponse(List.of(List.of(UP)))));
          ex.close();
        });
    server.start();
    try {
      String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/read";
      assertEquals(
          List.of(UP),
          new RemoteReadClient(url, HttpSettings.defaults().withTls(ca.toString(), false), false)
              .read(QUERY));
      assertEquals(
          List.of(UP),
          new RemoteReadClient(url, HttpSettings.defaults().withTls(null, true), false)
              .read(QUERY));
      // last: the JDK's HttpsServer does not always recover from a handshake its client aborted
      RemoteReadException e =
          assertThrows(
              RemoteReadException.class,
              () -> new RemoteReadClient(url, HttpSettings.defaults(), false).read(QUERY));
      assertEquals(RemoteReadException.Kind.TLS, e.kind(), e.getMessage());
      assertEquals(1, e.attempts(), "a certificate problem is not retried");
    } finally {
      server.stop(0);
    }
  }
}
