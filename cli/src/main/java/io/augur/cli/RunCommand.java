package io.augur.cli;

import io.augur.domain.FailureAlert;
import io.augur.domain.FeatureSchema;
import io.augur.features.FeatureConfig;
import io.augur.features.SchemaFeatures;
import io.augur.job.AugurJob;
import io.augur.job.JobSettings;
import io.augur.job.alertmanager.AlertmanagerSink;
import io.augur.job.alertmanager.AlertmanagerSinkConfig;
import io.augur.job.chaos.ChaosTargetSettings;
import io.augur.job.checkpoints.CheckpointSettings;
import io.augur.job.kafka.AugurKafka;
import io.augur.job.metrics.AugurMetrics;
import io.augur.job.prometheus.LabelMatcher;
import io.augur.job.prometheus.RemoteReadSourceConfig;
import io.augur.job.sinks.LineSink;
import io.augur.job.sources.IngestInputs;
import io.augur.models.bundle.BundleException;
import io.augur.models.bundle.ModelBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code augur run}: the production job. Reads samples from Prometheus remote read or Kafka, scores
 * them, and sends alerts to Alertmanager and/or Kafka. Runs on the cluster it is submitted to, or
 * on a local MiniCluster when started from the shell.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the streaming job against Prometheus/Kafka/Alertmanager (configuration file plus flags).")
public final class RunCommand implements Callable<Integer> {

  @Option(names = "--config", description = "YAML configuration file (see deploy/augur.yaml).")
  Path config;

  @Option(
      names = "--prometheus-url",
      description = "Prometheus base URL for remote read, e.g. http://127.0.0.1:9090.")
  String prometheusUrl;

  @Option(
      names = "--selector",
      description = "Series selector to read, repeatable, e.g. 'node_load1{job=\"node\"}'.")
  List<String> selectors;

  @Option(names = "--kafka-brokers", description = "Kafka bootstrap servers.")
  String kafkaBrokers;

  @Option(
      names = "--samples-topic",
      description = "Kafka topic(s) with adapter-JSON samples, repeatable.")
  List<String> samplesTopics;

  @Option(names = "--alerts-topic", description = "Kafka topic for alerts (exactly once).")
  String alertsTopic;

  @Option(
      names = "--alertmanager-url",
      description = "Alertmanager base URL, repeatable (an HA set).")
  List<String> alertmanagerUrls;

  @Option(
      names = "--bundle",
      description = "Model bundle directory (default: the skeleton baseline scorer).")
  String bundle;

  @Option(
      names = "--model-watch-dir",
      description =
          "Directory of bundle directories; the newest good one replaces the model without a restart.")
  String modelWatchDir;

  @Option(
      names = "--checkpoint-dir",
      description = "Checkpoint URI, e.g. file:///var/augur/checkpoints.")
  String checkpointDir;

  @Option(names = "--parallelism", description = "Operator parallelism.")
  Integer parallelism;

  @Option(
      names = "--dry-run",
      description = "Validate the configuration and build the job graph, then exit.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    RunConfig c = config == null ? RunConfig.empty() : RunConfig.read(config);
    // credentials only from ...File keys or the environment, never printed (RunSecrets)
    RunSecrets secrets = RunSecrets.read(config, System.getenv(), prometheusUrl);
    Properties kafkaSecurity = secrets.kafkaSecurity();
    RunConfig.Prometheus p = c.prometheus();
    RunConfig.Kafka k = c.kafka();
    String promUrl = first(prometheusUrl, p == null ? null : p.url());
    List<String> sel = firstList(selectors, p == null ? null : p.selectors());
    String brokers = first(kafkaBrokers, k == null ? null : k.brokers());
    List<String> topics = firstList(samplesTopics, k == null ? null : k.samplesTopics());
    String alertTopic = first(alertsTopic, k == null ? null : k.alertsTopic());
    List<String> amUrls =
        firstList(alertmanagerUrls, c.alertmanager() == null ? null : c.alertmanager().urls());
    String bundleDir = first(bundle, c.model() == null ? null : c.model().bundle());
    String cpDir = first(checkpointDir, c.checkpoints() == null ? null : c.checkpoints().dir());
    RunConfig.Job job = c.job();
    int par =
        parallelism != null
            ? parallelism
            : job != null && job.parallelism() != null ? job.parallelism() : 2;

    AugurJob.Input input;
    if (promUrl != null && !sel.isEmpty()) {
      List<List<LabelMatcher>> sets = new ArrayList<>();
      for (String s : sel) {
        sets.add(LabelMatcher.parseSet(s));
      }
      long start =
          p != null && p.start() != null
              ? Instant.parse(p.start()).toEpochMilli()
              : System.currentTimeMillis() - Duration.ofMinutes(10).toMillis();
      RemoteReadSourceConfig rc = RemoteReadSourceConfig.continuous(promUrl, sets, start);
      if (p != null && (p.step() != null || p.lag() != null)) {
        rc =
            rc.withTiming(
                p.step() == null ? rc.step() : Duration.parse("PT" + p.step().toUpperCase()),
                p.lag() == null ? rc.lag() : Duration.parse("PT" + p.lag().toUpperCase()),
                rc.pollInterval());
      }
      input = IngestInputs.prometheus(rc.withHttp(secrets.prometheusHttp(), true));
    } else if (brokers != null && !topics.isEmpty()) {
      input =
          IngestInputs.kafka(
              brokers,
              topics,
              k != null && k.groupId() != null ? k.groupId() : "augur",
              copy(kafkaSecurity));
    } else {
      System.err.println(
          "augur run: no input: give --prometheus-url with --selector, or --kafka-brokers with --samples-topic");
      return 2;
    }

    List<Sink<FailureAlert>> alertSinks = new ArrayList<>();
    if (!amUrls.isEmpty()) {
      String gen =
          c.alertmanager() != null && c.alertmanager().generatorUrl() != null
              ? c.alertmanager().generatorUrl()
              : "http://127.0.0.1:8081";
      AlertmanagerSinkConfig amc = AlertmanagerSinkConfig.of(amUrls, gen);
      alertSinks.add(new AlertmanagerSink(amc.withHttp(secrets.alertmanagerHttp(amc.http()))));
    }
    String txPrefix =
        k != null && k.transactionalIdPrefix() != null
            ? k.transactionalIdPrefix()
            : "augur-" + (alertTopic != null ? alertTopic : "job");
    if (brokers != null && alertTopic != null) {
      alertSinks.add(
          AugurKafka.alerts(brokers, alertTopic, txPrefix + "-alerts", copy(kafkaSecurity)));
    }
    alertSinks.add(
        LineSink.toStdout(
            a ->
                "[alert] "
                    + a.state()
                    + " "
                    + a.severity()
                    + " "
                    + a.component()
                    + " p="
                    + String.format(java.util.Locale.ROOT, "%.2f", a.prediction().probability())));
    String dead =
        job != null && job.deadLetters() != null
            ? job.deadLetters()
            : "augur-out/run/deadletters.jsonl";
    String deadTopic = k == null ? null : k.deadLettersTopic();
    // a file is per TaskManager and appended again on replay; a topic is exactly once, wherever the
    // sink runs
    Sink<io.augur.domain.DeadLetter> deadSink =
        brokers != null && deadTopic != null
            ? AugurKafka.exactlyOnce(
                brokers,
                deadTopic,
                txPrefix + "-deadletters",
                io.augur.domain.DeadLetter::stage,
                copy(kafkaSecurity))
            : LineSink.jsonLinesTo(Path.of(dead));

    JobSettings settings = JobSettings.defaults().withParallelism(par);
    FeatureConfig fc =
        featuresFor(bundleDir, settings.features(), job == null ? null : job.componentLabels());
    settings =
        new JobSettings(
            settings.metrics(),
            settings.outOfOrderness(),
            settings.alerts(),
            par,
            fc,
            bundleDir == null ? null : Path.of(bundleDir).toAbsolutePath().toString(),
            settings.maxBatch(),
            first(modelWatchDir, c.model() == null ? null : c.model().watch()));

    Configuration conf = new Configuration();
    if (cpDir != null) {
      CheckpointSettings cs = CheckpointSettings.defaults(cpDir);
      if (c.checkpoints() != null && c.checkpoints().interval() != null) {
        Duration every = Duration.parse("PT" + c.checkpoints().interval().toUpperCase());
        cs =
            cs.withInterval(
                every,
                every.dividedBy(2).compareTo(cs.minPause()) < 0
                    ? every.dividedBy(2)
                    : cs.minPause());
      }
      if (c.checkpoints() != null && c.checkpoints().restoreFrom() != null) {
        cs = cs.restoringFrom(c.checkpoints().restoreFrom());
      }
      cs.applyTo(conf);
    }
    int metricsPort = job != null && job.metricsPort() != null ? job.metricsPort() : 9249;
    AugurMetrics.prometheusReporter(conf, metricsPort + "-" + (metricsPort + 10));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(par);
    AugurJob.ChaosTargets chaos = null;
    String chaosTopic = k == null ? null : k.chaosTopic();
    if (brokers != null
        && chaosTopic != null
        && c.chaos() != null
        && c.chaos().namespaces() != null) {
      // every chaos.* key (gates, ranking, replicas, health, outcome log) through the typed
      // catalogue
      io.augur.config.Configuration typed = secrets.typed();
      chaos =
          new AugurJob.ChaosTargets(
              ChaosTargetSettings.from(typed),
              List.of(
                  AugurKafka.chaosTargets(
                      brokers, chaosTopic, txPrefix + "-chaos", copy(kafkaSecurity))));
    }
    new AugurJob(input, new AugurJob.Outputs(alertSinks, deadSink, null, chaos), settings)
        .build(env);
    if (dryRun) {
      System.out.println(
          "augur run: configuration valid; job graph has "
              + env.getStreamGraph(false).getStreamNodes().size()
              + " operators");
      return 0;
    }
    env.execute("augur");
    return 0;
  }

  private static Properties copy(Properties p) {
    Properties c = new Properties();
    c.putAll(p);
    return c;
  }

  /**
   * The feature layer the job runs: with a bundle, the configuration its schema was computed with
   * (so a bundle trained on NAB, SMD or a Prometheus range scores those metrics), else {@code
   * base}; component labels from the config file when given.
   */
  static FeatureConfig featuresFor(
      String bundleDir, FeatureConfig base, List<String> componentLabels) {
    List<String> labels = componentLabels != null ? componentLabels : base.componentLabels();
    if (bundleDir == null) {
      return base.withComponentLabels(labels);
    }
    FeatureSchema schema;
    try {
      schema = ModelBundle.manifest(Path.of(bundleDir)).schema();
    } catch (BundleException e) {
      throw new IllegalArgumentException("--bundle " + bundleDir + ": " + e.getMessage(), e);
    }
    try {
      return SchemaFeatures.config(schema, labels);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--bundle " + bundleDir + ": the job cannot compute its features: " + e.getMessage(), e);
    }
  }

  private static String first(String flag, String file) {
    return flag != null ? flag : file;
  }

  private static List<String> firstList(List<String> flag, List<String> file) {
    return flag != null && !flag.isEmpty() ? flag : file == null ? List.of() : file;
  }
}
