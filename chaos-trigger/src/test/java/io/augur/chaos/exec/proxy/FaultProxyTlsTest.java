package io.augur.chaos.exec.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS-terminating proxy with keytool-made certificates: valid normally, expired under
 * tls_expired.
 */
class FaultProxyTlsTest {
  private EchoServer echo;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = new EchoServer();
    proxy =
        FaultProxy.start(
            "tls", new HostPort("127.0.0.1", 0), echo.address(), TestCerts.identity(), 16, 2_000);
  }

  @AfterEach
  void stop() throws IOException {
    proxy.clear();
    proxy.close();
    echo.close();
  }

  private static SSLSocket handshake(InetSocketAddress at) throws IOException {
    SSLSocket s =
        (SSLSocket)
            TestCerts.trustingCa().getSocketFactory().createSocket("localhost", at.getPort());
    s.setSoTimeout(10_000);
    s.startHandshake();
    return s;
  }

  @Test
  void shouldServeTheValidCertificateThenTheExpiredOneWhileTheToxicIsActive() throws IOException {
    try (SSLSocket s = handshake(proxy.listenAddress())) {
      X509Certificate served = (X509Certificate) s.getSession().getPeerCertificates()[0];
      served.checkValidity();
      assertEquals(42, roundTrip(s), "bytes flow through the TLS proxy to the plain upstream");
    } catch (java.security.cert.CertificateException e) {
      throw new AssertionError("the normal certificate must be valid", e);
    }

    SSLSocket live = handshake(proxy.listenAddress());
    proxy.add(Toxic.of("expired", ToxicType.TLS_EXPIRED, null, Map.of()));
    try (live) {
      assertEquals(
          -1,
          live.getInputStream().read(),
          "live TLS connections are closed, so clients reconnect");
    }
    SSLHandshakeException e =
        assertThrows(SSLHandshakeException.class, () -> handshake(proxy.listenAddress()).close());
    Throwable c = e;
    while (c != null && !(c instanceof CertificateExpiredException)) {
      c = c.getCause();
    }
    assertTrue(
        c != null, "the handshake should fail because the certificate expired, got " + chain(e));

    proxy.remove("expired");
    try (SSLSocket s = handshake(proxy.listenAddress())) {
      assertEquals(42, roundTrip(s), "after removal the handshake succeeds again");
    }
  }

  @Test
  void shouldAnswerHttpStatusOverTls() throws IOException {
    proxy.add(Toxic.of("forbid", ToxicType.HTTP_STATUS, null, Map.of("code", 403)));
    try (SSLSocket s = handshake(proxy.listenAddress())) {
      s.getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      String r =
          new String(
              s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertTrue(r.startsWith("HTTP/1.1 403 Forbidden"), r);
    }
  }

  @Test
  void shouldNameTheMissingAliasOfAKeyStoreWithoutAnExpiredCertificate(@TempDir Path dir)
      throws Exception {
    KeyStore full = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(TestCerts.get().proxyKeystore())) {
      full.load(in, TestCerts.PASSWORD);
    }
    KeyStore onlyValid = KeyStore.getInstance("PKCS12");
    onlyValid.load(null, TestCerts.PASSWORD);
    onlyValid.setKeyEntry(
        TlsIdentity.VALID_ALIAS,
        full.getKey(TlsIdentity.VALID_ALIAS, TestCerts.PASSWORD),
        TestCerts.PASSWORD,
        full.getCertificateChain(TlsIdentity.VALID_ALIAS));
    Path file = dir.resolve("valid-only.p12");
    try (var out = Files.newOutputStream(file)) {
      onlyValid.store(out, TestCerts.PASSWORD);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TlsIdentity.load(file, TestCerts.PASSWORD));
    assertTrue(
        e.getMessage().contains("has no key entry server-expired (it has [server])"),
        e.getMessage());
    IllegalArgumentException wrong =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TlsIdentity.load(TestCerts.get().proxyKeystore(), "wrong-password".toCharArray()));
    assertTrue(wrong.getMessage().startsWith("cannot load TLS key store "), wrong.getMessage());
  }

  private static int roundTrip(SSLSocket s) throws IOException {
    s.getOutputStream().write(42);
    s.getOutputStream().flush();
    return s.getInputStream().read();
  }

  private static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" <- ");
    }
    return sb.toString();
  }
}
