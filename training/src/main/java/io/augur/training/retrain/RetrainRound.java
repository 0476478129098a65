package io.augur.training.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.json.Wire;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.bundle.BundleException;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.TrainingPlan;
import io.augur.training.sources.TrainingSetBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One retraining round: labels the history honestly ({@link HonestLabels}), splits its labelled
 * windows by time (the newest {@code holdout} share is held out; training windows end at least one
 * prediction horizon before it, so no failing label of the train part looks into the held-out
 * part), trains a candidate on the older part, scores candidate and current bundle on the held-out
 * part, applies the {@link PublishRule} and, when it says so, publishes the candidate ({@link
 * BundleStore}). Every round appends its decision to {@code <watch dir>/.retrain/decisions.jsonl}.
 */
public final class RetrainRound {
  static final ObjectMapper JSON = Wire.RECORDS;

  /** How a round trains and decides. */
  public record Settings(
      double holdout,
      PublishRule rule,
      int keep,
      boolean includeUnverifiedPositives,
      long seed,
      Path fallbackCurrent) {
    public Settings {
      if (!(holdout > 0 && holdout < 1)) {
        throw new IllegalArgumentException("--holdout must be within (0, 1), got " + holdout);
      }
      if (rule == null) {
        throw new IllegalArgumentException("rule must not be null");
      }
      if (keep < 2) {
        throw new IllegalArgumentException("--keep must be >= 2, got " + keep);
      }
    }
  }

  /** What a round did. */
  public record Report(
      PublishRule.Decision decision,
      String candidateVersion,
      String currentVersion,
      Path published,
      long trainFailing,
      long trainNormal,
      HonestLabels.Counts labels) {
    public String line() {
      return (published != null
              ? "published " + candidateVersion + " to " + published
              : "refused " + candidateVersion)
          + " (current "
          + (currentVersion == null ? "none" : currentVersion)
          + "): "
          + decision.reason();
    }
  }

  private RetrainRound() {}

  public static Report run(
      SourceHistory history,
      Path labelLog,
      BundleStore store,
      Settings s,
      EnsembleTrainer.Config trainer,
      ProgressListener progress,
      Clock clock)
      throws IOException {
    HonestLabels.Labels labels = HonestLabels.read(labelLog, s.includeUnverifiedPositives());
    SourceHistory h = history.withComponents(labels.apply(labelLog, history.components()));
    TrainingPlan plan = TrainingPlan.defaults(!h.completeLabels(), s.seed());
    TrainingSetBuilder.Result built = TrainingSetBuilder.build(h, plan, progress);
    List<LabelledWindow> all = built.set().labelled();
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "no labelled windows in the " + h.source() + " history: give more history");
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (LabelledWindow w : all) {
      lo = Math.min(lo, w.window().timestampMs());
      hi = Math.max(hi, w.window().timestampMs());
    }
    long cutoff = hi - (long) Math.ceil(s.holdout() * (hi - lo));
    long embargo = cutoff - plan.horizonMs();
    List<LabelledWindow> train = new ArrayList<>();
    List<LabelledWindow> held = new ArrayList<>();
    for (LabelledWindow w : all) {
      long t = w.window().timestampMs();
      if (t >= cutoff) {
        held.add(w);
      } else if (t < embargo) {
        train.add(w);
      }
    }
    long trainFailing = train.stream().filter(LabelledWindow::failing).count();
    if (trainFailing == 0 || trainFailing == train.size()) {
      throw new IllegalArgumentException(
          "the training part (windows before "
              + Instant.ofEpochMilli(embargo)
              + ") has "
              + trainFailing
              + " failing of "
              + train.size()
              + " windows: it needs both; give more history, labels or a smaller --holdout");
    }
    Ensemble trained =
        new EnsembleTrainer(trainer)
            .train(new TrainingSet(built.set().schema(), train, List.of()), s.seed(), progress);
    Ensemble candidate = versioned(trained, clock);

    Optional<Path> currentDir = store.current();
    if (currentDir.isEmpty() && s.fallbackCurrent() != null) {
      currentDir = Optional.of(s.fallbackCurrent());
    }
    Ensemble current = null;
    String currentVersion = null;
    String currentProblem = null;
    if (currentDir.isPresent()) {
      try {
        current = ModelBundle.load(currentDir.get(), candidate.schema());
        currentVersion = current.version();
      } catch (BundleException e) {
        currentProblem = "current bundle " + currentDir.get() + " unusable: " + e.getMessage();
      }
    }
    boolean[] failing = new boolean[held.size()];
    List<ComponentWindow> windows = new ArrayList<>(held.size());
    for (int i = 0; i < held.size(); i++) {
      failing[i] = held.get(i).failing();
      windows.add(held.get(i).window());
    }
    double[] cand = held.isEmpty() ? new double[0] : candidate.probabilities(windows);
    double[] cur = null;
    if (current != null && !held.isEmpty()) {
      try {
        cur = current.probabilities(windows);
      } catch (RuntimeException e) {
        currentProblem =
            "current bundle " + currentVersion + " cannot score these windows: " + e.getMessage();
        current = null;
      }
    }
    PublishRule.Decision d;
    if (currentProblem != null) {
      // the job validates new bundles against its own schema; one the current bundle's schema does
      // not match is as likely to be refused there, so do not publish blind
      d =
          new PublishRule.Decision(
              false,
              currentProblem + "; not comparing, nothing published",
              Double.NaN,
              Double.NaN,
              0,
              0);
    } else if (current != null
        && candidate.trainingFingerprint().equals(current.trainingFingerprint())
        && java.util.Arrays.equals(cand, cur)) {
      d =
          new PublishRule.Decision(
              false,
              "candidate predicts exactly what the current bundle "
                  + current.version()
                  + " does on the held-out windows (same training data): nothing new to publish",
              Double.NaN,
              Double.NaN,
              0,
              0);
    } else {
      d = s.rule().decide(failing, cand, current == null ? null : cur);
    }
    Path published = null;
    if (d.publish()) {
      try {
        published = store.publish(candidate, clock, s.keep());
      } catch (IllegalStateException e) {
        d =
            new PublishRule.Decision(
                false,
                e.getMessage(),
                d.candidateAucPr(),
                d.currentAucPr(),
                d.heldOutFailing(),
                d.heldOutNormal());
      }
    }
    Report r =
        new Report(
            d,
            candidate.version(),
            currentVersion,
            published,
            trainFailing,
            train.size() - trainFailing,
            labels.counts());
    log(store, r, clock);
    return r;
  }

  /**
   * The trainer's version ({@code augur-ensemble-<data fingerprint>-s<seed>}) names the data, not
   * the round: two rounds on the same history (new labels change the labels, not always the
   * fingerprint) would collide in the watch directory and the job could not tell them apart. A
   * retrained bundle's version adds the round's UTC time: {@code ...-r20261202T164512123Z}.
   */
  static Ensemble versioned(Ensemble e, Clock clock) {
    String stamp =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(clock.instant());
    return new Ensemble(
        e.schema(),
        e.members().values(),
        e.combiner(),
        e.summaryNormal(),
        e.summarySteps(),
        e.limits(),
        e.modes(),
        e.config(),
        e.version() + "-r" + stamp,
        e.trainingFingerprint(),
        e.validation());
  }

  static void log(BundleStore store, Report r, Clock clock) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("at", Instant.ofEpochMilli(clock.millis()).toString());
    n.put("published", r.published() != null);
    n.put("candidate", r.candidateVersion());
    n.put("current", r.currentVersion());
    if (Double.isFinite(r.decision().candidateAucPr())) {
      n.put("candidate_auc_pr", r.decision().candidateAucPr());
    }
    if (Double.isFinite(r.decision().currentAucPr())) {
      n.put("current_auc_pr", r.decision().currentAucPr());
    }
    n.put("held_out_failing", r.decision().heldOutFailing());
    n.put("held_out_normal", r.decision().heldOutNormal());
    n.put("train_failing", r.trainFailing());
    n.put("train_normal", r.trainNormal());
    n.put("labels", r.labels().describe());
    n.put("reason", r.decision().reason());
    if (r.published() != null) {
      n.put("path", r.published().toString());
    }
    Files.createDirectories(store.stateDir());
    Files.writeString(
        store.stateDir().resolve("decisions.jsonl"),
        JSON.writeValueAsString(n) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
