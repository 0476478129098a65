package io.augur.evaluation.mts;

import io.augur.evaluation.metrics.SeriesEvaluation;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human report: means per detector, figures per machine, and the charts. */
final class MtsMarkdown {
  private MtsMarkdown() {}

  static String of(RunInfo run, List<MachineResult> results, List<String> plotMachines) {
    StringBuilder md = new StringBuilder();
    md.append("# Multivariate evaluation: ").append(run.datasetName()).append("\n\n");
    md.append("- command: `").append(run.command()).append("`\n");
    md.append("- git commit: ")
        .append(run.gitCommit() == null ? "unknown" : "`" + run.gitCommit() + "`")
        .append('\n');
    md.append("- dataset: `")
        .append(run.dir())
        .append("`, machines ")
        .append(run.machines())
        .append('\n');
    if (!run.skipped().isEmpty()) {
      md.append("- skipped (no data): ").append(String.join("; ", run.skipped())).append('\n');
    }
    md.append(
        String.format(
            Locale.ROOT,
            "- run time: %.1f s, started %s%n",
            run.durationSeconds(),
            run.startedAt()));
    md.append(
        "\nEach detector is fitted on `train/` and scores `test/` row by row in order; labels are read only to "
            + "score. *Best F1* is point-wise, without point adjustment, at the threshold that maximises it (chosen with "
            + "the labels: an upper bound). *Calibrated* uses a threshold fixed without labels: the "
            + run.calibrationQuantile()
            + " quantile of the detector's own train scores. *Event F1*: each labelled "
            + "segment is one event, each run of alarms one prediction. Lead time: onset minus first alarm, in rows (an "
            + "alarm up to "
            + run.earlyWindow()
            + " rows early counts). **PA F1 is the point-adjusted F1, only for "
            + "comparison with papers; it inflates results.**\n\n");
    md.append("## Means over machines\n\n");
    md.append(
        "| detector | AUC-PR | ROC AUC | best F1 | P | R | event F1 @best | calibrated F1 | event F1 @cal | "
            + "PA F1 (papers only) | fit s | score s |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Object o : MtsReport.means(run.detectors(), results)) {
      Map<?, ?> m = (Map<?, ?>) o;
      md.append("| ").append(m.get("detector"));
      for (String k :
          List.of(
              "aucPr",
              "rocAuc",
              "bestF1",
              "bestPrecision",
              "bestRecall",
              "eventF1AtBest",
              "calibratedF1",
              "eventF1AtCalibrated",
              "pointAdjustedF1ForPapersOnly")) {
        md.append(" | ").append(f((Double) m.get(k)));
      }
      md.append(
          String.format(
              Locale.ROOT,
              " | %.1f | %.1f |%n",
              (Double) m.get("fitSeconds"),
              (Double) m.get("scoreSeconds")));
    }
    md.append("\n## Per machine\n\n");
    md.append(
        "| machine | detector | anomalous | AUC-PR | ROC AUC | best F1 (P/R) | events detected @best | "
            + "lead @best (median rows) | calibrated F1 (P/R) | events @cal | PA F1 (papers only) | us/row |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (MachineResult r : results) {
      SeriesEvaluation e = r.evaluation();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.2f%% | %s | %s | %s (%s/%s) | %d/%d | %s | %s (%s/%s) | %d/%d | %s | %.0f |%n",
              r.machine(),
              r.detector(),
              100.0 * e.anomalousRows() / e.rows(),
              f(e.aucPr()),
              f(e.rocAuc()),
              f(e.bestF1().f1()),
              f(e.bestF1().precision()),
              f(e.bestF1().recall()),
              e.eventsAtBest().detectedEvents(),
              e.eventsAtBest().events(),
              f(e.leadAtBest().median()),
              f(e.calibrated().f1()),
              f(e.calibrated().precision()),
              f(e.calibrated().recall()),
              e.eventsAtCalibrated().detectedEvents(),
              e.eventsAtCalibrated().events(),
              f(e.pointAdjustedF1ForPapersOnly().f1()),
              r.microsPerRow()));
    }
    md.append("\n## Charts\n\nDrawn with java.awt (headless).\n");
    for (String machine : plotMachines) {
      md.append("\n### ").append(machine).append("\n\n");
      md.append("![scores](plots/").append(machine).append("-scores.png)\n\n");
      md.append("![precision-recall](plots/").append(machine).append("-pr.png) ");
      md.append("![ROC](plots/").append(machine).append("-roc.png)\n");
    }
    return md.toString();
  }

  private static String f(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
  }
}
