package io.augur.job.prometheus;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds {@link HttpClient}s from {@link HttpSettings}: connect timeout and TLS trust. */
public final class HttpClients {
  private HttpClients() {}

  public static HttpClient create(HttpSettings s) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(s.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1);
    if (s.insecureSkipVerify() || s.caCertFile() != null) {
      b.sslContext(sslContext(s));
    }
    return b.build();
  }

  static SSLContext sslContext(HttpSettings s) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      TrustManager[] tms;
      if (s.insecureSkipVerify()) {
        tms = new TrustManager[] {new TrustAll()};
      } else {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int i = 0;
        try (InputStream in = Files.newInputStream(Path.of(s.caCertFile()))) {
          for (Certificate c : cf.generateCertificates(in)) {
            ks.setCertificateEntry("ca-" + i++, c);
          }
        }
        if (i == 0) {
          throw new IllegalArgumentException(
              "caCertFile holds no PEM certificate: " + s.caCertFile());
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        tms = tmf.getTrustManagers();
      }
      ctx.init(null, tms, new SecureRandom());
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "caCertFile " + s.caCertFile() + " could not be loaded: " + e.getMessage(), e);
    }
  }

  /** Accepts every certificate and, being an extended trust manager, skips host name checks too. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
