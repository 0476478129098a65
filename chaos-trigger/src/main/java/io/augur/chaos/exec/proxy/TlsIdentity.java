package io.augur.chaos.exec.proxy;

import io.augur.domain.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The two certificates a TLS proxy serves: the valid one normally, the expired one while a {@code
 * tls_expired} toxic is active. Both come from one PKCS12 key store (see {@link TlsCertificates}),
 * under two aliases; each gets its own {@link SSLContext}, so a session from one is never resumed
 * under the other.
 */
public final class TlsIdentity {
  public static final String VALID_ALIAS = "server";
  public static final String EXPIRED_ALIAS = "server-expired";

  private final SSLContext valid;
  private final SSLContext expired;
  private final String description;

  private TlsIdentity(SSLContext valid, SSLContext expired, String description) {
    this.valid = valid;
    this.expired = expired;
    this.description = description;
  }

  /** Loads {@code keystore} and checks that both aliases hold a key with a certificate chain. */
  public static TlsIdentity load(
      Path keystore, char[] password, String validAlias, String expiredAlias) {
    Checks.nonNull("keystore", keystore);
    Checks.nonNull("password", password);
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return new TlsIdentity(
          context(ks, keystore, validAlias, password),
          context(ks, keystore, expiredAlias, password),
          keystore + " (" + validAlias + ", " + expiredAlias + ")");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot load TLS key store " + keystore + ": " + e.getMessage(), e);
    }
  }

  public static TlsIdentity load(Path keystore, char[] password) {
    return load(keystore, password, VALID_ALIAS, EXPIRED_ALIAS);
  }

  private static SSLContext context(KeyStore ks, Path file, String alias, char[] password)
      throws GeneralSecurityException {
    if (!ks.isKeyEntry(alias)) {
      throw new IllegalArgumentException(
          "TLS key store "
              + file
              + " has no key entry "
              + alias
              + " (it has "
              + java.util.Collections.list(ks.aliases())
              + ")");
    }
    Certificate[] chain = ks.getCertificateChain(alias);
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
      throw new IllegalArgumentException(
          "TLS key store " + file + " entry " + alias + " has no X.509 certificate chain");
    }
    KeyStore one = KeyStore.getInstance("PKCS12");
    try {
      one.load(null, password);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    one.setKeyEntry(alias, (PrivateKey) ks.getKey(alias, password), password, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(one, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  SSLContext valid() {
    return valid;
  }

  SSLContext expired() {
    return expired;
  }

  @Override
  public String toString() {
    return description;
  }
}
