package io.augur.job.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.cli.Augur;
import io.augur.domain.AlertDecider;
import io.augur.domain.AlertPolicy;
import io.augur.domain.AlertState;
import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.ProgressListener;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import io.augur.training.cli.TrainCommand;
import io.augur.training.sources.ComponentFeatures;
import io.augur.training.sources.ComponentHistory;
import io.augur.training.sources.SmdSource;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.SourceOptions;
import io.augur.training.sources.TrainingSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14's operator feedback end to end, against a real Alertmanager on 127.0.0.1: a machine
 * whose metrics show one benign pattern (a 3-minute batch-job burst every 80 minutes) alerts on it
 * (through the job's own {@link AlertDecider}) with a bundle trained on injected faults; the
 * operator marks five of the firings false-positive (three with {@code augur feedback ALERT_ID},
 * two with {@code augur:false-positive} silences read twice by {@code augur feedback
 * --from-silences}); the bundle retrained with that label log no longer alerts on the pattern,
 * neither on the marked firings nor on the three it was not told about.
 */
class FeedbackRetrainITCase {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long STEP = 15_000;
  static final int ROWS = 2880;
  static final int BURST = 12;

  /**
   * The component the smd source makes of {@code smd/train/box.txt}, as the job would label its
   * alerts.
   */
  static final String COMPONENT = "smd/box";

  @TempDir Path dir;

  static int burstStart(int k) {
    return 300 + 320 * k;
  }

  static long alertAt(int k) {
    return SmdSource.START + (burstStart(k) + 4) * STEP;
  }

  static Path dataset(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("train"));
    Random r = new Random(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      boolean burst = false;
      for (int k = 0; k < 8; k++) {
        burst |= i >= burstStart(k) && i < burstStart(k) + BURST;
      }
      double m0 = burst ? 0.95 : 0.30 + 0.02 * r.nextGaussian();
      double m1 = burst ? 0.80 : 0.40 + 0.02 * r.nextGaussian();
      double m2 = 0.50 + 0.05 * Math.sin(i / 40.0) + 0.01 * r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f%n", m0, m1, m2));
    }
    Files.writeString(dir.resolve("train").resolve("box.txt"), sb.toString());
    return dir;
  }

  static EnsembleTrainer.Config quick() {
    return new EnsembleTrainer.Config(
        Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
        new IsolationForestModel.Params(20, 64, 8),
        new RandomForestModel.Params(10, 5, 0.5, 8),
        new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 2, 0.01, 64),
        null,
        400,
        EnsembleConfig.defaults());
  }

  Ensemble train(Path data, Path labels, String name) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--source",
                "smd",
                "--input",
                data.toString(),
                "--segment-steps",
                "240",
                "--out",
                dir.resolve(name).toString()));
    if (labels != null) {
      args.addAll(List.of("--labels", labels.toString()));
    }
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    CommandLine cl =
        new CommandLine(
            new TrainCommand(
                TrainingSources.defaults(),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                quick()));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          throw ex;
        });
    int code = cl.execute(args.toArray(String[]::new));
    assertEquals(0, code, console.toString(StandardCharsets.UTF_8));
    return ModelBundle.load(dir.resolve(name));
  }

  /**
   * Which bursts the job would alert on: the bundle's predictions for every window of the series,
   * in order, through the job's own {@link AlertDecider} configured with {@code alerts.forSteps: 2}
   * and {@code alerts.windowSteps: 2} (fires after 2 consecutive predictions at or above 0.7: the
   * bursts last 3 minutes, shorter than the default 12-of-16 hold); burst {@code k} alerts when a
   * firing starts inside it or in the 2 minutes after it.
   */
  static boolean[] burstAlerts(Ensemble e, Path data, StringBuilder trace) {
    SourceOptions o =
        new SourceOptions(
            List.of(data), null, null, null, null, null, null, STEP, List.of(), 0, 1, 1, 1);
    SourceHistory h = TrainingSources.defaults().create("smd", o).read(ProgressListener.NONE);
    ComponentHistory box = h.components().get(0);
    assertEquals(COMPONENT, box.component());
    List<FeatureVector> vs =
        ComponentFeatures.vectors(box.series(), h.features(), box.startMs(), box.endMs() + 1);
    int w = e.windowSteps();
    List<ComponentWindow> windows = new ArrayList<>();
    for (int end = w; end <= vs.size(); end++) {
      windows.add(ComponentWindow.of(vs.subList(end - w, end)));
    }
    AlertDecider decider = new AlertDecider(AlertPolicy.defaults().unbroken(2));
    AlertDecider.State state = new AlertDecider.State();
    boolean[] alerts = new boolean[8];
    int elsewhere = 0;
    for (FailurePrediction p : e.predict(windows)) {
      var a = decider.decide(state, p);
      if (a.isEmpty() || a.get().state() != AlertState.FIRING) {
        continue;
      }
      long row = (a.get().startsAtMs() - SmdSource.START) / STEP;
      boolean inBurst = false;
      for (int k = 0; k < 8; k++) {
        if (row >= burstStart(k) && row < burstStart(k) + BURST + 8) {
          alerts[k] = true;
          inBurst = true;
        }
      }
      elsewhere += inBurst ? 0 : 1;
    }
    trace
        .append(java.util.Arrays.toString(alerts))
        .append(" (")
        .append(elsewhere)
        .append(" firing(s) outside the bursts)");
    return alerts;
  }

  static String http(String method, String url, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
    b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() / 100 == 2, url + " " + r.statusCode() + " " + r.body());
    return r.body();
  }

  static String augur(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Augur.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    assertEquals(0, code, "augur " + String.join(" ", args) + ": " + err + out);
    return out + err.toString();
  }

  @Test
  void shouldStopAlertingOnAPatternTheOperatorMarkedFalsePositiveAfterRetraining()
      throws Exception {
    Path data = dataset(dir.resolve("smd"));
    StringBuilder before = new StringBuilder();
    boolean[] alertedBefore = burstAlerts(train(data, null, "before"), data, before);
    int alerting = 0;
    for (boolean b : alertedBefore) {
      alerting += b ? 1 : 0;
    }
    assertTrue(alerting >= 6, "the first bundle alerts on the burst: " + before);

    Path log = dir.resolve("labels.jsonl");
    try (AlertmanagerProcess am = new AlertmanagerProcess("http://127.0.0.1:9/hook")) {
      StringBuilder alerts = new StringBuilder("[");
      for (int k = 0; k < 5; k++) {
        alerts
            .append(k == 0 ? "" : ",")
            .append(
                "{\"labels\":{\"alertname\":\"AugurPredictedFailure\",\"severity\":\"warning\","
                    + "\"component\":\""
                    + COMPONENT
                    + "\",\"firing\":\""
                    + k
                    + "\"},\"annotations\":{\"summary\":\"Predicted failure of box\"},"
                    + "\"startsAt\":\""
                    + Instant.ofEpochMilli(alertAt(k))
                    + "\",\"endsAt\":\""
                    + Instant.now().plusSeconds(3600)
                    + "\"}");
      }
      http("POST", am.url() + "/api/v2/alerts", alerts.append("]").toString());
      StringWriter err = new StringWriter();
      CommandLine cl = Augur.commandLine();
      cl.setErr(new PrintWriter(err, true));
      assertEquals(
          2,
          cl.execute(
              "feedback",
              "0123abcd",
              "--verdict",
              "false-positive",
              "--labels",
              log.toString(),
              "--alertmanager",
              am.url()));
      assertEquals(
          "augur feedback: ALERT_ID 0123abcd is not among the 5 AugurPredictedFailure alert(s) of "
              + am.url()
              + " (its fingerprint: GET /api/v2/alerts)",
          err.toString().trim());
      JsonNode listed = JSON.readTree(am.alerts());
      assertEquals(5, listed.size(), listed.toString());
      for (JsonNode a : listed) {
        int k = Integer.parseInt(a.path("labels").path("firing").asText());
        if (k < 3) {
          String said =
              augur(
                  "feedback",
                  a.path("fingerprint").asText(),
                  "--verdict",
                  "false-positive",
                  "--note",
                  "batch job",
                  "--labels",
                  log.toString(),
                  "--alertmanager",
                  am.url());
          assertTrue(said.contains("logged false-positive on " + COMPONENT), said);
        } else {
          http(
              "POST",
              am.url() + "/api/v2/silences",
              "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"AugurPredictedFailure\","
                  + "\"isRegex\":false,\"isEqual\":true},{\"name\":\"component\",\"value\":\""
                  + COMPONENT
                  + "\",\"isRegex\":false,\"isEqual\":true},"
                  + "{\"name\":\"firing\",\"value\":\""
                  + k
                  + "\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\""
                  + Instant.now()
                  + "\",\"endsAt\":\""
                  + Instant.now().plusSeconds(3600)
                  + "\",\"createdBy\":\"ops\",\"comment\":\"augur:false-positive nightly batch\"}");
        }
      }
      // a silence on the alert that is no verdict is ignored, with the reason said
      http(
          "POST",
          am.url() + "/api/v2/silences",
          "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"AugurPredictedFailure\","
              + "\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\""
              + Instant.now()
              + "\",\"endsAt\":\""
              + Instant.now().plusSeconds(60)
              + "\",\"createdBy\":\"ops\",\"comment\":\"maintenance\"}");
      // silenced alerts show it in their status once Alertmanager has re-evaluated them
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline && !am.alerts().contains("\"silencedBy\":[\"")) {
        Thread.sleep(100);
      }
      String first =
          augur(
              "feedback",
              "--from-silences",
              "--labels",
              log.toString(),
              "--alertmanager",
              am.url());
      assertTrue(first.contains("2 verdict(s) from silences, 2 new, 1 silence(s) ignored"), first);
      assertTrue(
          first.contains(
              "comment does not start with [augur:false-positive, augur:true-positive]: \"maintenance\""),
          first);
      String again =
          augur(
              "feedback",
              "--from-silences",
              "--labels",
              log.toString(),
              "--alertmanager",
              am.url());
      assertTrue(
          again.contains("2 verdict(s) from silences, 0 new"), "read twice, logged once: " + again);
    }
    assertEquals(5, Files.readAllLines(log).size(), Files.readString(log));

    StringBuilder after = new StringBuilder();
    boolean[] alertedAfter = burstAlerts(train(data, log, "after"), data, after);
    System.out.println("alerts on the bursts before " + before + ", after " + after);
    for (int k = 0; k < 8; k++) {
      assertTrue(
          !alertedAfter[k],
          "burst "
              + k
              + (k < 5 ? " (marked)" : " (not marked)")
              + " no longer alerts: before "
              + before
              + ", after "
              + after);
    }
  }
}
