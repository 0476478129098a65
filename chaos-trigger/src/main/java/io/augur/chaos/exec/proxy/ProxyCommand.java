package io.augur.chaos.exec.proxy;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos proxy}: runs one fault proxy and its control API until SIGTERM or SIGINT, then
 * removes every toxic and stops. Prints one line when ready ({@code proxy NAME listening on ...})
 * and one per toxic change.
 */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description =
        "Run Augur's TCP fault proxy in front of a target, with a toxiproxy-like control API, until SIGTERM.")
public final class ProxyCommand implements Callable<Integer> {
  static final String PASSWORD_ENV = "AUGUR_PROXY_TLS_PASSWORD";

  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      required = true,
      paramLabel = "HOST:PORT",
      description = "where clients connect (port 0: any)")
  String listen;

  @Option(
      names = "--upstream",
      required = true,
      paramLabel = "HOST:PORT",
      description = "the target behind the proxy")
  String upstream;

  @Option(
      names = "--control",
      defaultValue = "127.0.0.1:8474",
      paramLabel = "HOST:PORT",
      description = "control API address, loopback only (default ${DEFAULT-VALUE}; port 0: any)")
  String control;

  @Option(
      names = "--name",
      defaultValue = "proxy",
      description = "the proxy's name on the control API (default ${DEFAULT-VALUE})")
  String name;

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "terminate TLS with this PKCS12 key store (aliases 'server' and 'server-expired')")
  Path keystore;

  @Option(
      names = "--tls-generate",
      paramLabel = "DIR",
      description =
          "generate a CA, a valid and an expired certificate into DIR with keytool and terminate TLS with them")
  Path generate;

  @Option(
      names = "--tls-password",
      paramLabel = "PASSWORD",
      description = "key store password (default: $" + PASSWORD_ENV + ", else 'changeit')")
  String password;

  @Option(
      names = "--max-connections",
      defaultValue = "256",
      description = "connections at a time (default ${DEFAULT-VALUE})")
  int maxConnections;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FaultProxy proxy;
    ControlServer api;
    try {
      TlsIdentity tls = tls(out);
      proxy =
          FaultProxy.start(
              name,
              HostPort.parse("--listen", listen),
              HostPort.parse("--upstream", upstream),
              tls,
              maxConnections,
              5_000);
      try {
        api = ControlServer.start(HostPort.parse("--control", control), List.of(proxy));
      } catch (RuntimeException e) {
        proxy.close();
        throw e;
      }
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("chaos proxy: " + e.getMessage());
      err.flush();
      return 2;
    }
    proxy.addListener((p, event, t) -> line(out, "toxic " + event + ": " + t.toJson()));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              try {
                api.close(); // no new toxics from here on
                proxy.close(); // stop listening first, so clearing a down toxic does not listen
                // again
                List<Toxic> left = proxy.clear();
                line(
                    out,
                    "stopping: removed "
                        + left.size()
                        + " toxic(s) "
                        + left.stream().map(Toxic::name).toList());
              } finally {
                stopped.countDown();
              }
            },
            "augur-proxy-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    line(
        out,
        "proxy "
            + name
            + " listening on "
            + proxy.listenAddress().getAddress().getHostAddress()
            + ":"
            + proxy.listenAddress().getPort()
            + (proxy.tls().isPresent() ? " (TLS)" : "")
            + ", forwarding to "
            + proxy.upstream()
            + "; control on "
            + api.url());
    stopped.await();
    return 0;
  }

  private TlsIdentity tls(PrintWriter out) {
    if (keystore != null && generate != null) {
      throw new IllegalArgumentException("give --tls-keystore or --tls-generate, not both");
    }
    if (keystore == null && generate == null) {
      return null;
    }
    String pw =
        password != null ? password : System.getenv().getOrDefault(PASSWORD_ENV, "changeit");
    Path store = keystore;
    if (generate != null) {
      TlsCertificates.Generated g =
          TlsCertificates.generate(generate, pw.toCharArray(), List.of("localhost", "127.0.0.1"));
      line(
          out,
          "generated certificates: key store "
              + g.proxyKeystore()
              + ", client trust store "
              + g.truststore()
              + ", CA "
              + g.caCertificate());
      store = g.proxyKeystore();
    }
    return TlsIdentity.load(store, pw.toCharArray());
  }

  private static void line(PrintWriter out, String s) {
    synchronized (out) {
      out.println(s);
      out.flush();
    }
  }
}
