package io.augur.training.cli;

import io.augur.models.FailureModel;
import io.augur.models.ensemble.Ensemble;
import io.augur.training.sources.SourceHistory;
import io.augur.training.sources.TrainingSetBuilder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The table {@code augur train} ends with. */
final class TrainSummary {
  private TrainSummary() {}

  static void print(
      PrintStream out,
      SourceHistory h,
      TrainingSetBuilder.Stats s,
      Ensemble e,
      Path dir,
      boolean injected,
      double seconds) {
    List<String[]> rows = new ArrayList<>();
    rows.add(row("source", h.source() + ": " + h.description()));
    rows.add(
        row(
            "components",
            s.components()
                + (s.segmentSteps() > 0
                    ? " (" + s.segments() + " segments of ~" + s.segmentSteps() + " steps)"
                    : "")
                + ", "
                + String.format(Locale.ROOT, "%,d", h.samples())
                + " samples"));
    rows.add(
        row(
            "schema",
            e.schema().name()
                + " v"
                + e.schema().version()
                + ", "
                + e.schema().size()
                + " features, hash "
                + e.schema().hash().substring(0, 12)));
    rows.add(
        row(
            "windows",
            String.format(
                Locale.ROOT,
                "%,d (%,d normal, %,d failing)",
                s.normal() + s.failing(),
                s.normal(),
                s.failing())));
    rows.add(row("failing labels", join(s.failingBySource())));
    rows.add(row("normal labels", join(s.normalBySource())));
    if (injected) {
      rows.add(row("injected faults", s.injections().isEmpty() ? "none" : join(s.injections())));
      int fewest =
          s.injections().size() < 6
              ? 0
              : s.injections().values().stream().mapToInt(Integer::intValue).min().orElse(0);
      if (fewest < 5) {
        rows.add(
            row(
                "warning",
                "only "
                    + fewest
                    + " injected segment(s) of a kind: add history or lower --segment-steps"));
      }
    }
    rows.add(row("members", String.join(", ", e.members().keySet())));
    rows.add(row("validation", "ensemble " + metrics(e.validation())));
    for (Map.Entry<String, FailureModel> m : e.members().entrySet()) {
      rows.add(row("", m.getKey() + " " + metrics(m.getValue().info().validation())));
    }
    rows.add(row("bundle", dir.toAbsolutePath().normalize().toString()));
    rows.add(row("version", e.version()));
    rows.add(row("time", String.format(Locale.ROOT, "%.1f s", seconds)));
    out.println();
    String line = "+" + "-".repeat(18) + "+" + "-".repeat(78) + "+";
    out.println(line);
    for (String[] r : rows) {
      out.printf(
          Locale.ROOT,
          "| %-16s | %-76s |%n",
          r[0],
          r[1].length() > 76 ? r[1].substring(0, 73) + "..." : r[1]);
    }
    out.println(line);
  }

  private static String[] row(String k, String v) {
    return new String[] {k, v};
  }

  private static String metrics(Map<String, Double> v) {
    return String.format(
        Locale.ROOT,
        "AUC %.3f, Brier %.4f (%d windows, %d failing)",
        v.getOrDefault("auc", Double.NaN),
        v.getOrDefault("brier", Double.NaN),
        Math.round(v.getOrDefault("windows", 0.0)),
        Math.round(v.getOrDefault("failingWindows", 0.0)));
  }

  private static String join(Map<String, ? extends Number> m) {
    if (m.isEmpty()) {
      return "none";
    }
    return m.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(en -> en.getKey() + " " + String.format(Locale.ROOT, "%,d", en.getValue().longValue()))
        .collect(Collectors.joining(", "));
  }
}
