package io.augur.cli;

import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.job.JobSettings;
import io.augur.job.demo.DemoRun;
import io.augur.training.cli.ConsoleProgress;
import io.augur.training.demo.DemoBundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur demo}: the whole pipeline over a simulated fleet, on an embedded Flink MiniCluster.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run Augur over a simulated fleet with injected failures on an embedded Flink MiniCluster "
            + "(web UI on 127.0.0.1), print alerts as they fire and a summary against the labels.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Fleet seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--services",
      defaultValue = "20",
      description = "Services in the fleet (default ${DEFAULT-VALUE}).")
  int services;

  @Option(
      names = "--hours",
      defaultValue = "8",
      description = "Simulated hours (default ${DEFAULT-VALUE}).")
  double hours;

  @Option(
      names = "--failures",
      defaultValue = "8",
      description = "Injected failures; 0 for a quiet fleet (default ${DEFAULT-VALUE}).")
  int failures;

  @Option(
      names = "--steps-per-second",
      defaultValue = "150",
      description =
          "Simulated scrape steps per wall-clock second; 0 for as fast as possible (default ${DEFAULT-VALUE}).")
  double stepsPerSecond;

  @Option(
      names = "--corrupt-rate",
      defaultValue = "0.0005",
      description =
          "Share of records corrupted on the way in, to exercise the dead-letter output (default ${DEFAULT-VALUE}).")
  double corruptRate;

  @Option(
      names = "--out",
      defaultValue = "augur-out/demo",
      description = "Output directory (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--web-ui-port",
      defaultValue = "8081",
      description = "Flink web UI port on 127.0.0.1; -1 disables it (default ${DEFAULT-VALUE}).")
  int webUiPort;

  @Option(
      names = "--scorer",
      defaultValue = "ensemble",
      description =
          "ensemble (the model bundle; trained on first use) or skeleton (the crude EWMA baseline). Default ${DEFAULT-VALUE}.")
  String scorer;

  @Option(
      names = "--bundle",
      defaultValue = "augur-out/models/demo",
      description =
          "Model bundle directory; trained from simulated fleets when missing (default ${DEFAULT-VALUE}).")
  Path bundle;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Operator parallelism (default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--no-chaos",
      description =
          "Turn the chaos loop off: no replica counts, no planner, no experiments (predictions and alerts are the same).")
  boolean noChaos;

  @Option(
      names = "--chaos-max-targets",
      defaultValue = "3",
      description =
          "Chaos experiments planned per 15-minute round at most (default ${DEFAULT-VALUE}).")
  int chaosMaxTargets;

  /** The demo's own pre-approval: who approves what the gates say needs a human. */
  static final String DEMO_APPROVER = "demo-operator";

  @Option(
      names = "--pre-approve",
      paramLabel = "NAME",
      defaultValue = DEMO_APPROVER,
      description =
          "Approve, as NAME, the chaos plans the safety gates say need a human: on the demo's "
              + "simulated cluster a rollout's 2-3 pods are over the 2 % approval threshold, so "
              + "every plan needs one. Printed as a pre-approval; every other gate still applies. Default "
              + "${DEFAULT-VALUE}.")
  String preApprove;

  @Option(
      names = "--no-pre-approve",
      description =
          "No pre-approval: plans that need a human's approval are refused by the experiment "
              + "engine and reported as awaiting approval.")
  boolean noPreApprove;

  @Override
  public Integer call() throws Exception {
    if (chaosMaxTargets < 1) {
      System.err.println("augur demo: --chaos-max-targets must be >= 1, got " + chaosMaxTargets);
      return 2;
    }
    if (preApprove != null && (preApprove.isBlank() || preApprove.equals("policy"))) {
      System.err.println(
          "augur demo: --pre-approve must name a person, got \"" + preApprove + "\"");
      return 2;
    }
    if (noPreApprove || noChaos) {
      preApprove = null;
    }
    DemoRun.Chaos chaos =
        noChaos ? DemoRun.Chaos.off() : DemoRun.Chaos.loop(chaosMaxTargets, preApprove);
    long steps = Math.round(hours * 3_600_000 / 15_000);
    FleetConfig fc =
        new FleetConfig(
            services, seed, FleetConfig.DEFAULT_START_MS, 15_000, steps, failures, true);
    DemoFleet fleet = new DemoFleet(fc);
    JobSettings settings = JobSettings.defaults().withParallelism(parallelism);
    if (scorer.equals("ensemble")) {
      DemoBundle.ensure(
          bundle, DemoBundle.Spec.defaults(), new ConsoleProgress(System.out), System.out);
      settings = settings.withBundle(bundle.toAbsolutePath().toString());
    } else if (!scorer.equals("skeleton")) {
      System.err.println("augur demo: --scorer must be ensemble or skeleton, got " + scorer);
      return 2;
    }
    StreamExecutionEnvironment env;
    Configuration conf = new Configuration();
    if (webUiPort >= 0) {
      conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
      conf.set(RestOptions.ADDRESS, "127.0.0.1");
      conf.set(RestOptions.PORT, webUiPort);
      env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
      System.out.printf("Flink web UI: http://127.0.0.1:%d%n", webUiPort);
    } else {
      env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
    env.setParallelism(parallelism);
    System.out.printf(
        "Simulating %d services for %.1f h (%d steps of 15 s) with %d injected failures; output in %s%n",
        services, hours, steps, fleet.failures().size(), out.toAbsolutePath());
    if (!noChaos) {
      var cluster = DemoRun.cluster(fc);
      System.out.printf(
          "Chaos loop on (--no-chaos turns it off): %d pods in all, hidden weaknesses %d; plans run by"
              + " a simulated executor through the experiment engine%s%n",
          cluster.totalPods(),
          cluster.weaknesses(io.augur.job.demo.DemoLoop.WEAK_ABOVE).size(),
          preApprove == null
              ? "; plans needing a human's approval are not run (--no-pre-approve)"
              : "; plans needing a human's approval are PRE-APPROVED as \""
                  + preApprove
                  + "\" by the demo's own configuration (--no-pre-approve to refuse them)");
    }
    DemoRun.Result r =
        DemoRun.run(
            env, new DemoRun.Options(fc, stepsPerSecond, corruptRate, out, settings, chaos), true);
    if (r.loop() != null) {
      io.augur.job.demo.DemoLoop.print(r.loop(), DemoRun.cluster(fc), System.out);
    }
    DemoRun.printSummary(r, fleet, System.out);
    DemoRun.writeSummary(r, out.resolve("summary.json"));
    System.out.println(
        "  files                  "
            + out.resolve("alerts.jsonl")
            + ", deadletters.jsonl, predictions.jsonl, summary.json"
            + (noChaos
                ? ""
                : ", chaos-targets.jsonl, chaos-rounds.jsonl, chaos-runs.jsonl, chaos-outcomes.jsonl"));
    return 0;
  }
}
