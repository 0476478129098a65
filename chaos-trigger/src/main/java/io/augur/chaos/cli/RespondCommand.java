package io.augur.chaos.cli;

import io.augur.chaos.adaptive.EffectivenessLog;
import io.augur.chaos.adaptive.Failure;
import io.augur.chaos.adaptive.Failures;
import io.augur.chaos.adaptive.KubernetesRecoveryActions;
import io.augur.chaos.adaptive.LocalRecoveryActions;
import io.augur.chaos.adaptive.LocalServicesFile;
import io.augur.chaos.adaptive.RecoveryActions;
import io.augur.chaos.adaptive.RecoveryResponder;
import io.augur.chaos.adaptive.RecoveryWebhook;
import io.augur.chaos.adaptive.StrategyChooser;
import io.augur.chaos.exec.k8s.KubernetesExecutor;
import io.augur.chaos.exec.proxy.HostPort;
import io.augur.chaos.prom.MetricsSource;
import io.augur.chaos.recovery.CheckContext;
import io.augur.chaos.recovery.HttpCheck;
import io.augur.chaos.recovery.Observation;
import io.augur.chaos.safety.SafetyGates;
import io.augur.chaos.safety.SafetyPolicy;
import io.augur.chaos.targeting.ExperimentHistory;
import io.augur.domain.Sleeper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos recovery respond FAILURES}: choose, gate, carry out, measure and record a
 * recovery.
 */
@Command(
    name = "respond",
    mixinStandardHelpOptions = true,
    description =
        "Respond to detected failures (Augur alert JSON lines, an Alertmanager webhook payload, or a recovery "
            + "test's JSON report): choose a strategy from the effectiveness log, pass the safety gates, carry it out, wait "
            + "for the health check and record the attempt. Dry run unless --apply.")
final class RespondCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FAILURES",
      description = "JSON or JSON-lines file, '-' for stdin (or --listen)")
  String input;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "instead of FAILURES: receive Alertmanager webhooks here (loopback) until SIGTERM/SIGINT")
  String listen;

  @Option(
      names = "--cooldown",
      defaultValue = "PT5M",
      description =
          "with --listen: an alert responded to is not acted on again for this long (default ${DEFAULT-VALUE})")
  Duration cooldown;

  @Option(
      names = "--executor",
      defaultValue = "local",
      description = "local or kubernetes (default ${DEFAULT-VALUE})")
  String executor;

  @Option(
      names = "--services",
      paramLabel = "FILE",
      description = "local services YAML (--executor local)")
  Path services;

  @Option(
      names = "--standby",
      paramLabel = "SERVICE=LABEL=VALUE",
      description = "Kubernetes fail over: the Service SERVICE selects LABEL=VALUE (repeatable)")
  List<String> standby = new ArrayList<>();

  @Option(
      names = "--shed",
      paramLabel = "SERVICE=INGRESS:RPS",
      description =
          "--executor kubernetes: shed load on SERVICE by limiting its Ingress to RPS requests/s per client"
              + " (ingress-nginx limit-rps; repeatable)")
  List<String> shed = new ArrayList<>();

  @Option(
      names = "--health-url",
      paramLabel = "URL",
      description = "recovered when GET URL answers 200")
  URI healthUrl;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      defaultValue = RecoveryCommand.DEFAULT_LOG,
      description = "effectiveness log (default ${DEFAULT-VALUE})")
  Path log;

  @Option(
      names = "--apply",
      description = "carry the strategy out (default: print what would be done)")
  boolean apply;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "namespace of alerts without one")
  String namespace;

  @Option(
      names = "--critical",
      paramLabel = "SERVICE",
      description = "a critical service (repeatable)")
  Set<String> critical = new HashSet<>();

  @Option(
      names = "--approve-as",
      paramLabel = "NAME",
      description = "a person approving actions on critical services")
  String approver;

  @Option(
      names = "--replicas",
      defaultValue = "2",
      description = "instances of the service (default ${DEFAULT-VALUE})")
  int replicas;

  @Option(
      names = "--system-size",
      defaultValue = "100",
      description = "instances in the system (default ${DEFAULT-VALUE})")
  int systemSize;

  @Option(
      names = "--timeout",
      defaultValue = "PT30S",
      description = "time to recover, ISO-8601 (default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--floor",
      defaultValue = "0.5",
      description = "known-bad below this posterior mean (default ${DEFAULT-VALUE})")
  double floor;

  @Option(
      names = "--min-tries",
      defaultValue = "5",
      description = "tries before a record is known (default ${DEFAULT-VALUE})")
  int minTries;

  @Option(names = "--seed", description = "seed of the chooser's random draws (default: time)")
  Long seed;

  @Mixin MetricsOptions metrics;

  /**
   * The same policy options as plan, run and approve; restart and roll back are critical
   * (destructive).
   */
  @Mixin PolicyOptions policy;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if ((input == null) == (listen == null)) {
        err.println(
            "chaos recovery respond: give FAILURES (a file or '-') or --listen HOST:PORT, one of them");
        return 2;
      }
      List<Failure> failures = listen != null ? List.of() : read();
      if (listen == null && failures.isEmpty()) {
        o.println("no firing alert or failed recovery in " + input);
        return 0;
      }
      MetricsSource source = metrics.source();
      if (source == null) {
        err.println(
            "chaos recovery respond: needs --prometheus URL (or --metrics-file) for the health gate");
        return 2;
      }
      if (apply && healthUrl == null) {
        err.println(
            "chaos recovery respond: --apply needs --health-url URL to measure the recovery");
        return 2;
      }
      HttpCheck check =
          healthUrl == null ? null : new HttpCheck(healthUrl, 200, null, Duration.ofSeconds(2));
      CheckContext ctx = CheckContext.of(source);
      RecoveryResponder.HealthProbe probe =
          check == null ? () -> Observation.notHeld("no --health-url") : () -> check.evaluate(ctx);
      int worst = 0;
      try (RecoveryActions actions = actions()) {
        RecoveryResponder r =
            new RecoveryResponder(
                gates(source),
                actions,
                new StrategyChooser(
                    new StrategyChooser.Config(
                        floor,
                        minTries,
                        StrategyChooser.Config.DEFAULT.timeWeight(),
                        timeout.toMillis()),
                    new Random(seed == null ? System.nanoTime() : seed)),
                new EffectivenessLog(log),
                Clock.systemUTC(),
                Sleeper.REAL,
                new RecoveryResponder.Options(
                    timeout, Duration.ofMillis(200), replicas, systemSize, approver, apply));
        if (listen != null) {
          return serve(r, probe, o);
        }
        for (Failure f : failures) {
          RecoveryResponder.Response resp = r.respond(f, probe);
          o.printf(
              "%s (%s on %s/%s%s): %s%s%n",
              f.id(),
              f.failureType(),
              f.namespace(),
              f.service(),
              f.critical() ? ", critical" : "",
              resp.status(),
              resp.strategy() == null ? "" : " " + resp.strategy());
          resp.reasons().forEach(x -> o.println("  " + x));
          resp.actions().forEach(x -> o.println("  " + (apply ? "did: " : "would: ") + x));
          if (resp.attempt() != null) {
            o.println(
                "  recorded: "
                    + (resp.attempt().success()
                        ? "recovered in " + resp.attempt().recoveryMs() + "ms"
                        : "not recovered")
                    + " -> "
                    + log);
          }
          worst =
              Math.max(
                  worst,
                  switch (resp.status()) {
                    case RECOVERED, ALREADY_HEALTHY, DRY_RUN -> 0;
                    default -> 1;
                  });
        }
      }
      return worst;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("chaos recovery respond: interrupted");
      return 1;
    } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
      err.println("chaos recovery respond: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  /**
   * Runs the webhook until the JVM is asked to stop; the response under way finishes first (up to
   * 30 s).
   */
  private int serve(RecoveryResponder r, RecoveryResponder.HealthProbe probe, PrintWriter o) {
    RecoveryWebhook hook =
        RecoveryWebhook.start(
            HostPort.parse("--listen", listen),
            r,
            probe,
            namespace,
            Set.copyOf(critical),
            cooldown,
            Clock.systemUTC(),
            line -> {
              synchronized (o) {
                o.println(line);
                o.flush();
              }
            });
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Thread stop =
        new Thread(
            () -> {
              hook.close();
              stopped.countDown();
            },
            "augur-recovery-webhook-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    o.println(
        "listening for Alertmanager webhooks on "
            + hook.url()
            + (apply ? "" : " (dry run: --apply to act)"));
    o.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) { // stopped from within the JVM (a test, an embedding caller)
      hook.close();
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
    return 0;
  }

  private List<Failure> read() throws IOException {
    String text =
        input.equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : Files.readString(Path.of(input), StandardCharsets.UTF_8);
    Set<String> crit = Set.copyOf(critical);
    long now = System.currentTimeMillis();
    try {
      return Failures.parse(
          text, input, namespace, crit, now); // one JSON document (a webhook payload, a report)
    } catch (IllegalArgumentException whole) {
      if (!text.strip().contains("\n")) {
        throw whole;
      }
    }
    List<Failure> out = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        out.addAll(Failures.parse(lines[i], input + " line " + (i + 1), namespace, crit, now));
      }
    }
    return out;
  }

  private RecoveryActions actions() {
    return switch (executor) {
      case "local" -> {
        if (services == null) {
          throw new IllegalArgumentException("--executor local needs --services FILE");
        }
        yield new LocalRecoveryActions(LocalServicesFile.read(services), true);
      }
      case "kubernetes" -> {
        Map<String, KubernetesRecoveryActions.Target> targets = new LinkedHashMap<>();
        for (String s : standby) {
          String[] p = s.split("=", 3);
          if (p.length != 3 || p[0].isBlank() || p[1].isBlank()) {
            throw new IllegalArgumentException(
                "--standby must be SERVICE=LABEL=VALUE, got \"" + s + "\"");
          }
          targets.put(p[0], new KubernetesRecoveryActions.Target(p[0], p[0], Map.of(p[1], p[2])));
        }
        for (String s : shed) {
          String[] p = s.split("[=:]", 3);
          int rps;
          try {
            rps = p.length == 3 ? Integer.parseInt(p[2]) : -1;
          } catch (NumberFormatException e) {
            rps = -1;
          }
          if (p.length != 3 || p[0].isBlank() || p[1].isBlank() || rps < 1) {
            throw new IllegalArgumentException(
                "--shed must be SERVICE=INGRESS:RPS with RPS >= 1, got \"" + s + "\"");
          }
          KubernetesRecoveryActions.Target t =
              targets.getOrDefault(p[0], new KubernetesRecoveryActions.Target(p[0], p[0], null));
          targets.put(p[0], t.withIngress(p[1], rps));
        }
        var client =
            new KubernetesClientBuilder()
                .withConfig(KubernetesExecutor.tuned(Config.autoConfigure(null)))
                .build();
        yield new KubernetesRecoveryActions(client, targets, true);
      }
      default ->
          throw new IllegalArgumentException(
              "--executor must be local or kubernetes, got \"" + executor + "\"");
    };
  }

  private SafetyGates gates(MetricsSource source) {
    SafetyPolicy p = policy.policy(List.of(namespace), metrics.config());
    return policy.gates(p, source, metrics.config(), new ExperimentHistory(), Clock.systemUTC());
  }
}
