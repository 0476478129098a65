package io.augur.evaluation.mts;

import java.util.List;

/** Facts about one {@code mts} run, for the reports. {@code gitCommit} may be null. */
record RunInfo(
    String command,
    String gitCommit,
    String startedAt,
    double durationSeconds,
    String dir,
    String datasetName,
    List<String> machines,
    List<String> skipped,
    List<String> detectors,
    double calibrationQuantile,
    int earlyWindow) {
  RunInfo {
    machines = List.copyOf(machines);
    skipped = List.copyOf(skipped);
    detectors = List.copyOf(detectors);
  }
}
