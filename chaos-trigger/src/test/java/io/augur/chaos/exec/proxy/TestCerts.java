package io.augur.chaos.exec.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Certificates made once per test JVM with keytool (it takes a few seconds), removed at exit. */
public final class TestCerts {
  public static final char[] PASSWORD = "test-pass".toCharArray();
  private static TlsCertificates.Generated generated;

  private TestCerts() {}

  public static synchronized TlsCertificates.Generated get() {
    if (generated == null) {
      try {
        Path dir = Files.createTempDirectory("augur-proxy-certs");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        generated = TlsCertificates.generate(dir, PASSWORD, List.of("localhost", "127.0.0.1"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return generated;
  }

  public static TlsIdentity identity() {
    return TlsIdentity.load(get().proxyKeystore(), PASSWORD);
  }

  /** A fresh client context (no session to resume) that trusts only the test CA. */
  public static SSLContext trustingCa() {
    try (InputStream in = Files.newInputStream(get().truststore())) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the test trust store: " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
