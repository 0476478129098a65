package io.augur.chaos.exec.proxy;

import io.augur.domain.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the certificates a TLS fault proxy needs with the JDK's own {@code keytool} (no
 * BouncyCastle): a CA, a valid server certificate and an expired one ({@code -startdate -2d
 * -validity 1}) for the same names, both signed by that CA, so a client that trusts the CA fails on
 * the expired one with a certificate-expired error and on nothing else.
 *
 * <p>Writes {@code ca.p12} (the CA's key), {@code ca.crt} (PEM), {@code proxy.p12} (aliases {@link
 * TlsIdentity#VALID_ALIAS} and {@link TlsIdentity#EXPIRED_ALIAS}, with their chains) and {@code
 * truststore.p12} (the CA certificate only, for clients), all with one password.
 */
public final class TlsCertificates {
  private static final long KEYTOOL_TIMEOUT_S = 60;

  /** Where the files went. */
  public record Generated(Path dir, Path proxyKeystore, Path truststore, Path caCertificate) {}

  private TlsCertificates() {}

  /**
   * Generates into {@code dir} (created if absent) certificates for {@code names} (DNS names or IP
   * addresses, e.g. {@code localhost}, {@code 127.0.0.1}).
   */
  public static Generated generate(Path dir, char[] password, List<String> names) {
    Checks.nonNull("dir", dir);
    Checks.nonNull("password", password);
    if (password.length < 6) {
      throw new IllegalArgumentException(
          "key store password must have at least 6 characters (keytool's rule)");
    }
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException(
          "certificate names must not be empty, e.g. [localhost, 127.0.0.1]");
    }
    for (String n : names) {
      if (n == null || !n.matches("[A-Za-z0-9.:-]{1,253}")) {
        throw new IllegalArgumentException(
            "certificate name must be a DNS name or an IP address, got \"" + n + "\"");
      }
    }
    String pw = new String(password);
    String san =
        "SAN="
            + String.join(
                ",",
                names.stream()
                    .map(n -> (n.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + n)
                    .toList());
    try {
      Files.createDirectories(dir);
      Path ca = dir.resolve("ca.p12");
      Path caCrt = dir.resolve("ca.crt");
      Path proxy = dir.resolve("proxy.p12");
      Path trust = dir.resolve("truststore.p12");
      for (Path p : List.of(ca, caCrt, proxy, trust)) {
        Files.deleteIfExists(p);
      }
      keytool(
          dir,
          "-genkeypair",
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=Augur chaos proxy test CA",
          "-ext",
          "bc:c",
          "-validity",
          "3650",
          "-keystore",
          ca.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          pw,
          "-keypass",
          pw);
      keytool(
          dir,
          "-exportcert",
          "-rfc",
          "-alias",
          "ca",
          "-keystore",
          ca.toString(),
          "-storepass",
          pw,
          "-file",
          caCrt.toString());
      keytool(
          dir,
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          caCrt.toString(),
          "-keystore",
          proxy.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          pw);
      leaf(
          dir,
          ca,
          proxy,
          pw,
          san,
          names.get(0),
          TlsIdentity.VALID_ALIAS,
          List.of("-validity", "365"));
      leaf(
          dir,
          ca,
          proxy,
          pw,
          san,
          names.get(0),
          TlsIdentity.EXPIRED_ALIAS,
          List.of("-startdate", "-2d", "-validity", "1"));
      keytool(
          dir,
          "-importcert",
          "-noprompt",
          "-alias",
          "ca",
          "-file",
          caCrt.toString(),
          "-keystore",
          trust.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          pw);
      return new Generated(dir, proxy, trust, caCrt);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot generate TLS certificates in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void leaf(
      Path dir,
      Path ca,
      Path proxy,
      String pw,
      String san,
      String cn,
      String alias,
      List<String> validity)
      throws IOException {
    Path csr = dir.resolve(alias + ".csr");
    Path crt = dir.resolve(alias + ".crt");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + cn,
        "-keystore",
        proxy.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        pw,
        "-keypass",
        pw);
    keytool(
        dir,
        "-certreq",
        "-alias",
        alias,
        "-keystore",
        proxy.toString(),
        "-storepass",
        pw,
        "-file",
        csr.toString());
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                pw,
                "-infile",
                csr.toString(),
                "-outfile",
                crt.toString(),
                "-ext",
                san,
                "-ext",
                "EKU=serverAuth"));
    gen.addAll(validity);
    keytool(dir, gen.toArray(String[]::new));
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        crt.toString(),
        "-keystore",
        proxy.toString(),
        "-storepass",
        pw);
    Files.deleteIfExists(csr);
  }

  private static void keytool(Path dir, String... args) throws IOException {
    Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd =
        new ArrayList<>(List.of(bin.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(dir, ".keytool", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            "keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_S + "s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "keytool "
                + args[0]
                + " failed (exit "
                + p.exitValue()
                + "): "
                + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool " + args[0], e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
