package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.ExperimentOutcome;
import io.augur.domain.FeatureSchema;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.job.prometheus.PrometheusProcess;
import io.augur.job.prometheus.RemoteSeries;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import io.augur.training.cli.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code augur train --source prometheus} against Debian's Prometheus on 127.0.0.1: 50 minutes of
 * ten components (a gauge and a counter each) pushed through remote write, read back through remote
 * read, trained into a bundle whose schema is the job's for those metrics. Skips when {@code
 * /usr/bin/prometheus} is absent ({@link PrometheusProcess}).
 */
class PrometheusTrainITCase {
  static final long STEP = 15_000;
  static final int STEPS = 200;
  static PrometheusProcess prom;
  static long start;
  static long end;

  @BeforeAll
  static void startAndLoad() throws Exception {
    prom = PrometheusProcess.start();
    end = (System.currentTimeMillis() / STEP) * STEP - STEP;
    start = end - (STEPS - 1) * STEP;
    List<RemoteSeries> pushed = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      Random r = new Random(c);
      long[] ts = new long[STEPS];
      double[] latency = new double[STEPS];
      double[] requests = new double[STEPS];
      for (int i = 0; i < STEPS; i++) {
        ts[i] = start + i * STEP;
        latency[i] = 0.2 + 0.02 * Math.sin(i / 20.0 + c) + 0.005 * r.nextGaussian();
        requests[i] = (i == 0 ? 0 : requests[i - 1]) + 150 + 10 * r.nextGaussian();
      }
      Map<String, String> labels = Map.of("job", "shop", "instance", "i" + c);
      pushed.add(new RemoteSeries(with(labels, "augur_it_latency_seconds"), ts, latency));
      pushed.add(new RemoteSeries(with(labels, "augur_it_requests_total"), ts, requests));
    }
    prom.remoteWrite(pushed);
  }

  static Map<String, String> with(Map<String, String> labels, String name) {
    Map<String, String> m = new java.util.HashMap<>(labels);
    m.put("__name__", name);
    return m;
  }

  @AfterAll
  static void stop() throws Exception {
    if (prom != null) {
      prom.close();
    }
  }

  static EnsembleTrainer.Config quick() {
    return new EnsembleTrainer.Config(
        Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
        new IsolationForestModel.Params(20, 32, 8),
        new RandomForestModel.Params(10, 5, 0.5, 8),
        new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 2, 0.01, 64),
        null,
        400,
        EnsembleConfig.defaults());
  }

  @Test
  void shouldTrainABundleFromAPrometheusRangeWithChaosLabelsAndInjectedFaults(@TempDir Path dir)
      throws Exception {
    OutcomeLog log = new OutcomeLog(dir.resolve("outcomes.jsonl"));
    long t = start + 120 * STEP;
    log.append(
        new ExperimentOutcome(
            "p1",
            "shop/i3",
            "pod-cpu-hog",
            "cpu-saturation",
            ExperimentOutcome.Status.FAILED,
            t,
            t + 300_000,
            60_000L,
            true,
            Map.of(),
            ""));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    CommandLine cl =
        new CommandLine(
            new TrainCommand(
                Augur.trainingSources(),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                quick()));
    int code =
        cl.execute(
            "--source",
            "prometheus",
            "--url",
            prom.url(),
            "--match",
            "{job=\"shop\"}",
            "--start",
            Instant.ofEpochMilli(start).toString(),
            "--end",
            Instant.ofEpochMilli(end + 1).toString(),
            "--labels",
            log.file().toString(),
            "--segment-steps",
            "100",
            "--out",
            dir.resolve("bundle").toString());
    String out = console.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, out);
    FeatureSchema expected =
        FeatureSchemas.of(
            FeatureConfig.forMetrics(
                List.of("augur_it_latency_seconds", "augur_it_requests_total")));
    Ensemble e = ModelBundle.load(dir.resolve("bundle"), expected);
    assertEquals(16 + 17, e.schema().size(), "a gauge's 16 features and a counter's 17 (rate)");
    assertTrue(
        out.contains("| components       | 10 (20 segments of ~100 steps), 4,000 samples"), out);
    assertTrue(
        out.matches("(?s).*\\| failing labels   \\| chaos 24, injected [0-9,]+ .*"),
        "6 min of chaos failure, 15 s steps: " + out);
    assertTrue(
        out.contains(
            "| injected faults  | dropout 1, flat-line 1, level-shift 2, spike 2, trend 2, variance-change 2"),
        out);
  }

  @Test
  void shouldExitTwoWithOneLineOnAnEmptyRangeOrSelection() {
    StringWriter err = new StringWriter();
    CommandLine cl = Augur.commandLine();
    cl.setErr(new PrintWriter(err, true));
    int code =
        cl.execute(
            "train",
            "--source",
            "prometheus",
            "--url",
            prom.url(),
            "--match",
            "{job=\"nothing-here\"}",
            "--start",
            Instant.ofEpochMilli(start).toString(),
            "--end",
            Instant.ofEpochMilli(end).toString());
    assertEquals(2, code, err.toString());
    assertTrue(
        err.toString()
            .startsWith(
                "augur train: empty range: [{job=\"nothing-here\"}] matched no samples at "
                    + prom.url()),
        err.toString());
    err.getBuffer().setLength(0);
    code =
        cl.execute(
            "train",
            "--source",
            "prometheus",
            "--url",
            prom.url(),
            "--match",
            "{job=\"shop\"}",
            "--start",
            "now",
            "--end",
            "now-1h");
    assertEquals(2, code);
    assertTrue(
        err.toString()
            .matches("augur train: empty range: --end \\S+ is not after --start \\S+\\s*"),
        err.toString());
  }
}
