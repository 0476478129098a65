package io.augur.chaos.cli;

import io.augur.chaos.metrics.ChaosExporter;
import io.augur.chaos.requirements.Durations;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augur chaos exporter}: chaos experiment metrics from the outcome log, for Prometheus. */
@Command(
    name = "exporter",
    mixinStandardHelpOptions = true,
    description =
        "Export chaos experiment counters, success rate and last-run time per service from the outcome log: "
            + "serve them on /metrics (--listen), or write them once for node-exporter's textfile collector (--textfile).")
public final class ExporterCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--outcomes",
      required = true,
      paramLabel = "FILE",
      description = "outcome log (JSON lines)")
  Path outcomes;

  static final class Mode {
    @Option(
        names = "--listen",
        paramLabel = "HOST:PORT",
        description = "serve /metrics here, e.g. 127.0.0.1:9479 (port 0: any)")
    String listen;

    @Option(
        names = "--textfile",
        paramLabel = "PATH",
        description = "write the metrics once to PATH (*.prom), atomically")
    Path textfile;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description =
          "success rate over outcomes that ended this recently, e.g. 168h (default: all outcomes)")
  String window;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Duration w = window == null ? null : Durations.parse("--window", window);
      try (ChaosExporter exporter = new ChaosExporter(outcomes, w, Clock.systemUTC())) {
        if (mode.textfile != null) {
          exporter.writeTextfile(mode.textfile);
          o.println("wrote " + mode.textfile);
          return 0;
        }
        InetSocketAddress at = listen(exporter, mode.listen);
        o.printf(
            "serving http://%s:%d/metrics from %s%n", at.getHostString(), at.getPort(), outcomes);
        o.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "augur-chaos-exporter-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
          stop.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // shutting down already
          }
        }
        return 0;
      }
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("chaos exporter: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  static InetSocketAddress listen(ChaosExporter exporter, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException(
          "--listen must be HOST:PORT, e.g. 127.0.0.1:9479, got \"" + hostPort + "\"");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--listen port must be a number, got \"" + hostPort + "\"", e);
    }
    return exporter.start(host, port);
  }
}
