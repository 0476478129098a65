package io.augur.evaluation.nab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.evaluation.metrics.CurvePoint;
import io.augur.evaluation.nab.NabCorpus;
import io.augur.evaluation.nab.NabEvaluation.DetectorResult;
import io.augur.evaluation.nab.ProfileScore;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Writes a NAB evaluation's JSON report (every figure) and Markdown report (tables and charts). */
public final class NabReports {

  private NabReports() {}

  /**
   * What the run was: the command line, the git commit of the code (null when unknown), the corpus
   * scored and the charts drawn (paths relative to the report).
   */
  public record RunInfo(
      String command,
      String gitCommit,
      Instant createdAt,
      NabCorpus corpus,
      List<String> profiles,
      List<String> plots) {
    public RunInfo {
      profiles = List.copyOf(profiles);
      plots = List.copyOf(plots);
    }
  }

  /** Writes {@code report.json}. */
  public static void writeJson(Path json, RunInfo run, List<DetectorResult> results)
      throws IOException {
    writeJson(json, run, results, List.of());
  }

  /**
   * Writes {@code report.json} with each detector's pooled ROC and precision-recall curves ({@link
   * NabCurves}).
   */
  public static void writeJson(
      Path json, RunInfo run, List<DetectorResult> results, List<NabCurves> curves)
      throws IOException {
    ObjectMapper mapper = Wire.REPORTS;
    ObjectNode root = mapper.createObjectNode();
    root.put("benchmark", "NAB v1.1");
    root.put("command", run.command());
    root.put("gitCommit", run.gitCommit());
    root.put("createdAt", run.createdAt().toString());
    root.put("nabDir", run.corpus().root().toAbsolutePath().normalize().toString());
    root.put(
        "scoring",
        "NAB scorer reimplemented in Java; thresholds chosen per detector and profile by NAB's "
            + "corpus-wide optimiser; scores normalised so that null = 0 and perfect = 100");
    ObjectNode corpus = root.putObject("corpus");
    corpus.put("files", run.corpus().files().size());
    corpus.put("rows", run.corpus().rowCount());
    corpus.put("windows", run.corpus().windowCount());
    ArrayNode profiles = root.putArray("profiles");
    run.profiles().forEach(profiles::add);
    ArrayNode detectors = root.putArray("detectors");
    for (DetectorResult r : results) {
      ObjectNode d = detectors.addObject();
      d.put("name", r.detector());
      d.put("source", r.source());
      d.put("seconds", r.seconds());
      d.put("rowsPerSecond", r.rowsPerSecond());
      ObjectNode scores = d.putObject("scores");
      for (ProfileScore s : r.optimised()) {
        put(scores.putObject(s.profile()), s, true);
      }
      curves.stream()
          .filter(c -> c.detector().equals(r.detector()))
          .findFirst()
          .ifPresent(c -> putCurves(d.putObject("curves"), c));
      if (!r.atStoredThreshold().isEmpty()) {
        ObjectNode stored = d.putObject("atStoredThreshold");
        for (ProfileScore s : r.atStoredThreshold()) {
          put(stored.putObject(s.profile()), s, false);
        }
      }
    }
    ArrayNode plots = root.putArray("plots");
    run.plots().forEach(plots::add);
    Files.createDirectories(json.toAbsolutePath().getParent());
    mapper.writeValue(json.toFile(), root);
  }

  private static void putCurves(ObjectNode node, NabCurves c) {
    node.put("rows", c.rows());
    node.put("positiveRows", c.positives());
    node.put("rocAuc", c.rocAuc());
    node.put("averagePrecision", c.averagePrecision());
    for (String kind : List.of("roc", "pr")) {
      ArrayNode points = node.putArray(kind);
      for (CurvePoint p : kind.equals("roc") ? c.roc() : c.pr()) {
        ObjectNode o = points.addObject();
        o.put("threshold", p.threshold());
        o.put(kind.equals("roc") ? "fpr" : "recall", p.x());
        o.put(kind.equals("roc") ? "tpr" : "precision", p.y());
      }
    }
  }

  private static void put(ObjectNode node, ProfileScore s, boolean withFiles) {
    node.put("score", s.normalisedScore());
    node.put("rawScore", s.rawScore());
    node.put("threshold", s.threshold());
    node.put("thresholdSource", s.thresholdSource());
    ObjectNode categories = node.putObject("categories");
    for (Map.Entry<String, ProfileScore.CategoryScore> e : s.categories().entrySet()) {
      ObjectNode c = categories.putObject(e.getKey());
      c.put("rawScore", e.getValue().rawScore());
      c.put("windows", e.getValue().windows());
      if (Double.isNaN(e.getValue().normalisedScore())) {
        c.putNull("score");
      } else {
        c.put("score", e.getValue().normalisedScore());
      }
    }
    if (withFiles) {
      ObjectNode files = node.putObject("fileRawScores");
      s.fileScores().forEach(files::put);
    }
  }

  /**
   * Writes {@code report.md}: scores per detector and profile, per category, runtimes and the
   * charts.
   */
  public static void writeMarkdown(Path md, RunInfo run, List<DetectorResult> results)
      throws IOException {
    writeMarkdown(md, run, results, List.of());
  }

  /**
   * Writes {@code report.md} with the threshold-free table and curve charts of {@code curves} too.
   */
  public static void writeMarkdown(
      Path md, RunInfo run, List<DetectorResult> results, List<NabCurves> curves)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("# NAB evaluation\n\n");
    b.append("- command: `").append(run.command()).append("`\n");
    b.append("- git commit: ")
        .append(run.gitCommit() == null ? "unknown" : "`" + run.gitCommit() + "`")
        .append('\n');
    b.append("- created: ").append(run.createdAt()).append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "- corpus: %d files, %,d rows, %d labelled windows%n",
            run.corpus().files().size(),
            run.corpus().rowCount(),
            run.corpus().windowCount()));
    b.append(
            "- scoring: NAB's rules (Java reimplementation), one corpus-wide threshold per detector and profile ")
        .append("from NAB's optimiser; null detector = 0, perfect = 100\n\n");
    b.append("## NAB scores\n\n| detector |");
    run.profiles().forEach(p -> b.append(' ').append(p).append(" |"));
    b.append(" seconds | rows/s | source |\n|---|");
    run.profiles().forEach(p -> b.append("---:|"));
    b.append("---:|---:|---|\n");
    for (DetectorResult r : results) {
      b.append("| ").append(r.detector()).append(" |");
      for (ProfileScore s : r.optimised()) {
        b.append(
            String.format(Locale.ROOT, " %.2f (t=%.4g) |", s.normalisedScore(), s.threshold()));
      }
      b.append(
          String.format(
              Locale.ROOT, " %.1f | %,.0f | %s |%n", r.seconds(), r.rowsPerSecond(), r.source()));
    }
    boolean anyStored = results.stream().anyMatch(r -> !r.atStoredThreshold().isEmpty());
    if (anyStored) {
      b.append(
          "\nAt NAB's stored thresholds (`config/thresholds.json`), for detectors NAB has one for:\n\n");
      b.append("| detector | profile | threshold | score |\n|---|---|---:|---:|\n");
      for (DetectorResult r : results) {
        for (ProfileScore s : r.atStoredThreshold()) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %.2f |%n",
                  r.detector(),
                  s.profile(),
                  s.threshold(),
                  s.normalisedScore()));
        }
      }
    }
    for (int p = 0; p < run.profiles().size(); p++) {
      categoryTable(b, results, p);
    }
    if (!curves.isEmpty()) {
      b.append("\n## Threshold-free (every scored row pooled, rows inside windows positive)\n\n")
          .append(
              "Point-wise, unlike NAB: every row of a window counts, not the earliest detection.\n\n")
          .append(
              "| detector | rows | positive rows | ROC AUC | average precision |\n|---|---:|---:|---:|---:|\n");
      for (NabCurves c : curves) {
        b.append(
            String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %.3f | %.3f |%n",
                c.detector(),
                c.rows(),
                c.positives(),
                c.rocAuc(),
                c.averagePrecision()));
      }
    }
    if (!run.plots().isEmpty()) {
      b.append(
              "\n## Charts\n\nValues and scores over time: labelled windows shaded red, the probationary period ")
          .append(
              "grey, each detector's threshold for the first profile dashed, its alerts (rows at or above it after the "
                  + "probationary period) as triangles.\n\n");
      for (String p : run.plots()) {
        b.append("![").append(p).append("](").append(p).append(")\n\n");
      }
    }
    Files.createDirectories(md.toAbsolutePath().getParent());
    Files.writeString(md, b.toString(), StandardCharsets.UTF_8);
  }

  private static void categoryTable(
      StringBuilder b, List<DetectorResult> results, int profileIndex) {
    if (results.isEmpty() || results.get(0).optimised().size() <= profileIndex) {
      return;
    }
    String profile = results.get(0).optimised().get(profileIndex).profile();
    Set<String> categories =
        new LinkedHashSet<>(results.get(0).optimised().get(profileIndex).categories().keySet());
    b.append("\n## Per category (").append(profile).append(" profile, corpus-wide threshold)\n\n");
    b.append(
        "Each category normalised against its own null and perfect scores; raw score where it has no windows.\n\n");
    b.append("| category | windows |");
    results.forEach(r -> b.append(' ').append(r.detector()).append(" |"));
    b.append("\n|---|---:|");
    results.forEach(r -> b.append("---:|"));
    b.append('\n');
    for (String c : categories) {
      List<String> cells = new ArrayList<>();
      int windows = 0;
      for (DetectorResult r : results) {
        ProfileScore.CategoryScore cs = r.optimised().get(profileIndex).categories().get(c);
        windows = cs.windows();
        cells.add(
            Double.isNaN(cs.normalisedScore())
                ? String.format(Locale.ROOT, "raw %.2f", cs.rawScore())
                : String.format(Locale.ROOT, "%.2f", cs.normalisedScore()));
      }
      b.append("| ")
          .append(c)
          .append(" | ")
          .append(windows)
          .append(" | ")
          .append(String.join(" | ", cells))
          .append(" |\n");
    }
  }
}
