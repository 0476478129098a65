package io.augur.training.cli;

import io.augur.chaos.loop.LabelLog;
import io.augur.chaos.loop.LabelledWindow;
import io.augur.training.feedback.Alertmanager;
import io.augur.training.feedback.SilenceVerdicts;
import io.augur.training.feedback.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code augur feedback}: operators' verdicts on {@code AugurPredictedFailure} alerts, appended to
 * the label log {@code augur train --labels} reads. Either one verdict, {@code augur feedback
 * ALERT_ID --verdict false-positive|true-positive [--note ...]}, where ALERT_ID is the alert's
 * fingerprint in Alertmanager (what its UI, {@code GET /api/v2/alerts} and {@code amtool alert
 * query -o extended} show), or {@code --from-silences}: every silence on the alert whose comment
 * starts with {@code augur:false-positive} or {@code augur:true-positive}. A verdict is logged once
 * however often it is given or read.
 */
@Command(
    name = "feedback",
    mixinStandardHelpOptions = true,
    description =
        "Log an operator's verdict on an alert (or read verdict silences) as labels for the next `augur train --labels`.")
public final class FeedbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ALERT_ID",
      description =
          "The alert's fingerprint in Alertmanager (GET /api/v2/alerts, amtool alert query -o extended).")
  String alertId;

  @Option(names = "--verdict", description = "false-positive or true-positive.")
  String verdict;

  @Option(names = "--note", defaultValue = "", description = "Why (kept in the label log).")
  String note;

  @Option(
      names = "--from-silences",
      description =
          "Read verdicts from Alertmanager's silences on AugurPredictedFailure "
              + "whose comment starts with augur:false-positive or augur:true-positive.")
  boolean fromSilences;

  @Option(
      names = "--labels",
      required = true,
      description = "The label log (.jsonl) that `augur train --labels` reads; appended to.")
  Path labels;

  @Option(
      names = "--alertmanager",
      defaultValue = "http://127.0.0.1:9093",
      description = "Alertmanager URL (default ${DEFAULT-VALUE}).")
  String alertmanager;

  @Option(
      names = "--before",
      defaultValue = "PT10M",
      description = "Labelled time before the alert (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration before;

  @Option(
      names = "--after",
      defaultValue = "PT5M",
      description = "Labelled time after the alert (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration after;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (before.isNegative() || after.isNegative() || before.plus(after).isZero()) {
      throw new IllegalArgumentException(
          "--before and --after must be >= 0 and not both 0, got " + before + ", " + after);
    }
    LabelLog log = new LabelLog(labels);
    Alertmanager am = new Alertmanager(alertmanager);
    if (fromSilences) {
      if (alertId != null || verdict != null) {
        throw new IllegalArgumentException(
            "--from-silences reads the verdicts from Alertmanager: give no ALERT_ID or --verdict with it");
      }
      List<String> ignored = new java.util.ArrayList<>();
      List<SilenceVerdicts.Anchored> verdicts = am.silenceVerdicts(ignored);
      ignored.forEach(why -> err.println("augur feedback: ignored " + why));
      int added = 0;
      for (SilenceVerdicts.Anchored v : verdicts) {
        SilenceVerdicts.Found f = v.found();
        LabelledWindow w =
            f.verdict().window(f.component(), v.alertAtMs(), v.verdictId(), before, after);
        if (log.appendOnce(
            w,
            (f.note() + (f.createdBy().isEmpty() ? "" : " (by " + f.createdBy() + ")")).trim())) {
          added++;
        }
      }
      out.printf(
          "augur feedback: %d verdict(s) from silences, %d new, %d silence(s) ignored; label log %s%n",
          verdicts.size(), added, ignored.size(), labels);
      return 0;
    }
    if (alertId == null || alertId.isBlank()) {
      throw new IllegalArgumentException(
          "give ALERT_ID with --verdict false-positive|true-positive, or --from-silences");
    }
    Verdict v = Verdict.fromId(verdict);
    List<Alertmanager.Alert> alerts =
        am.alerts().stream().filter(a -> a.alertName().equals(SilenceVerdicts.ALERT_NAME)).toList();
    Alertmanager.Alert a =
        alerts.stream()
            .filter(x -> x.fingerprint().equals(alertId.trim()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "ALERT_ID "
                            + alertId
                            + " is not among the "
                            + alerts.size()
                            + " "
                            + SilenceVerdicts.ALERT_NAME
                            + " alert(s) of "
                            + alertmanager
                            + " (its fingerprint: GET /api/v2/alerts)"));
    if (a.component().isEmpty()) {
      throw new IllegalArgumentException("alert " + alertId + " has no component label");
    }
    LabelledWindow w =
        v.window(
            a.component(),
            a.startsAtMs(),
            "alert:" + a.fingerprint() + "@" + a.startsAtMs(),
            before,
            after);
    boolean added = log.appendOnce(w, note);
    out.printf(
        "augur feedback: %s %s on %s (alert at %s, labelled %s to %s as %s) to %s%n",
        added ? "logged" : "already logged",
        v.id(),
        a.component(),
        Instant.ofEpochMilli(a.startsAtMs()),
        Instant.ofEpochMilli(w.startMs()),
        Instant.ofEpochMilli(w.endMs()),
        w.label().id(),
        labels);
    return 0;
  }
}
