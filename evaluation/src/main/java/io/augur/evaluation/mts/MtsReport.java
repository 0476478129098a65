package io.augur.evaluation.mts;

import io.augur.evaluation.metrics.Confusion;
import io.augur.evaluation.metrics.EventMetrics;
import io.augur.evaluation.metrics.LeadTimes;
import io.augur.evaluation.metrics.SeriesEvaluation;
import io.augur.evaluation.metrics.ThresholdF1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one run as the JSON report's tree: run facts, one entry per detector and machine
 * with every figure, and the per-detector means over machines.
 */
final class MtsReport {
  private MtsReport() {}

  /** Figures averaged over machines, per detector, in the report and the Markdown table. */
  static final Map<String, ToDoubleFunction<SeriesEvaluation>> MEAN_FIGURES = meanFigures();

  private static Map<String, ToDoubleFunction<SeriesEvaluation>> meanFigures() {
    Map<String, ToDoubleFunction<SeriesEvaluation>> m = new LinkedHashMap<>();
    m.put("aucPr", SeriesEvaluation::aucPr);
    m.put("rocAuc", SeriesEvaluation::rocAuc);
    m.put("bestF1", e -> e.bestF1().f1());
    m.put("bestPrecision", e -> e.bestF1().precision());
    m.put("bestRecall", e -> e.bestF1().recall());
    m.put("eventF1AtBest", e -> e.eventsAtBest().f1());
    m.put("calibratedF1", e -> e.calibrated().f1());
    m.put("eventF1AtCalibrated", e -> e.eventsAtCalibrated().f1());
    m.put("pointAdjustedF1ForPapersOnly", e -> e.pointAdjustedF1ForPapersOnly().f1());
    return m;
  }

  static Map<String, Object> tree(RunInfo run, List<MachineResult> results) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", run.command());
    root.put("gitCommit", run.gitCommit());
    root.put("bundleVersion", null);
    root.put("startedAt", run.startedAt());
    root.put("durationSeconds", run.durationSeconds());
    Map<String, Object> dataset = new LinkedHashMap<>();
    dataset.put("dir", run.dir());
    dataset.put("name", run.datasetName());
    dataset.put("machines", run.machines());
    dataset.put("skipped", run.skipped());
    root.put("dataset", dataset);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("detectors", run.detectors());
    settings.put("calibrationQuantile", run.calibrationQuantile());
    settings.put("earlyWindowRows", run.earlyWindow());
    settings.put("alarmRule", "score >= threshold");
    settings.put(
        "bestF1Note",
        "best point-wise F1 over all thresholds, chosen with the test labels (upper bound)");
    settings.put(
        "calibratedNote",
        "threshold = calibrationQuantile of the detector's scores on its own train rows");
    settings.put(
        "pointAdjustedNote",
        "point-adjusted F1 only for comparison with papers; it inflates results");
    root.put("settings", settings);
    List<Object> rows = new ArrayList<>();
    for (MachineResult r : results) {
      rows.add(result(r));
    }
    root.put("results", rows);
    root.put("means", means(run.detectors(), results));
    return root;
  }

  static List<Object> means(List<String> detectors, List<MachineResult> results) {
    List<Object> means = new ArrayList<>();
    for (String d : detectors) {
      List<MachineResult> mine = results.stream().filter(r -> r.detector().equals(d)).toList();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("detector", d);
      m.put("machines", mine.size());
      for (Map.Entry<String, ToDoubleFunction<SeriesEvaluation>> f : MEAN_FIGURES.entrySet()) {
        m.put(
            f.getKey(),
            mine.stream()
                .mapToDouble(r -> f.getValue().applyAsDouble(r.evaluation()))
                .average()
                .orElse(Double.NaN));
      }
      m.put("fitSeconds", mine.stream().mapToLong(MachineResult::fitMillis).sum() / 1000.0);
      m.put("scoreSeconds", mine.stream().mapToLong(MachineResult::scoreMillis).sum() / 1000.0);
      means.add(m);
    }
    return means;
  }

  private static Map<String, Object> result(MachineResult r) {
    SeriesEvaluation e = r.evaluation();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("detector", r.detector());
    m.put("machine", r.machine());
    m.put("metrics", r.metrics());
    m.put("trainRows", r.trainRows());
    m.put("testRows", e.rows());
    m.put("anomalousRows", e.anomalousRows());
    m.put("aucPr", e.aucPr());
    m.put("rocAuc", e.rocAuc());
    m.put("bestF1", threshold(e.bestF1()));
    m.put("eventsAtBest", events(e.eventsAtBest()));
    m.put("leadAtBest", lead(e.leadAtBest()));
    m.put("calibrated", threshold(e.calibrated()));
    m.put("eventsAtCalibrated", events(e.eventsAtCalibrated()));
    m.put("leadAtCalibrated", lead(e.leadAtCalibrated()));
    m.put("pointAdjustedF1ForPapersOnly", threshold(e.pointAdjustedF1ForPapersOnly()));
    m.put("fitSeconds", r.fitMillis() / 1000.0);
    m.put("scoreSeconds", r.scoreMillis() / 1000.0);
    m.put("microsPerRow", r.microsPerRow());
    m.put("scoresFile", r.detector() + "/" + r.machine() + ".txt");
    m.put("labelsFile", "labels/" + r.machine() + ".txt");
    return m;
  }

  private static Map<String, Object> threshold(ThresholdF1 t) {
    Confusion c = t.confusion();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", t.threshold());
    m.put("precision", t.precision());
    m.put("recall", t.recall());
    m.put("f1", t.f1());
    m.put("tp", c.truePositives());
    m.put("fp", c.falsePositives());
    m.put("fn", c.falseNegatives());
    m.put("tn", c.trueNegatives());
    return m;
  }

  private static Map<String, Object> events(EventMetrics e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("events", e.events());
    m.put("detected", e.detectedEvents());
    m.put("alarmRuns", e.alarmRuns());
    m.put("correctAlarmRuns", e.correctAlarmRuns());
    m.put("precision", e.precision());
    m.put("recall", e.recall());
    m.put("f1", e.f1());
    return m;
  }

  private static Map<String, Object> lead(LeadTimes l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("earlyWindowRows", l.earlyWindow());
    m.put("events", l.events());
    m.put("detected", l.detected());
    m.put("meanRows", l.mean());
    m.put("medianRows", l.median());
    return m;
  }
}
