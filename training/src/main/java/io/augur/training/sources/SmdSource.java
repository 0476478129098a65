package io.augur.training.sources;

import io.augur.features.FeatureConfig;
import io.augur.models.ProgressListener;
import io.augur.models.inject.RawSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory in SMD's layout; training reads {@code train/<machine>.txt} only (comma-separated, no
 * header, one row a step, one column a metric: SMD's unlabelled, mostly normal half; {@code test/}
 * and {@code test_label/} stay for {@code augur evaluate mts}). Each machine is one component:
 * {@code job} = the directory's name (e.g. {@code smd}), {@code instance} = the machine; its
 * metrics are {@code m0..m<d-1>} in column order (all gauges). Rows are replayed one a step from
 * {@link #START}. {@code --machines} picks machines, {@code --metrics} columns.
 */
public final class SmdSource implements TrainingSource {
  /** Replay start of every machine: rows carry no timestamps. */
  public static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private final SourceOptions options;

  public SmdSource(SourceOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "smd";
  }

  @Override
  public SourceHistory read(ProgressListener progress) {
    List<Path> in = SourceOptions.required("smd", "--input <dataset directory>", options.inputs());
    if (in.size() != 1 || !Files.isDirectory(in.get(0).resolve("train"))) {
      throw new IllegalArgumentException(
          "--source smd needs one --input directory holding train/<machine>.txt, got " + in);
    }
    Path dir = in.get(0);
    List<String> available = machines(dir);
    List<String> chosen = options.machines().isEmpty() ? available : options.machines();
    for (String m : chosen) {
      if (!available.contains(m)) {
        throw new IllegalArgumentException(
            "--machines: unknown machine " + m + "; " + dir.resolve("train") + " has " + available);
      }
    }
    String job = dir.toAbsolutePath().normalize().getFileName().toString();
    List<ComponentHistory> out = new ArrayList<>();
    List<String> metrics = null;
    for (int i = 0; i < chosen.size(); i++) {
      progress.onProgress("read smd", i, chosen.size());
      String machine = chosen.get(i);
      double[][] rows =
          readRows(dir.resolve("train").resolve(machine + ".txt"), options.maxSteps());
      List<String> names = new ArrayList<>();
      for (int j = 0; j < rows[0].length; j++) {
        names.add("m" + j);
      }
      List<String> keep = options.metrics().isEmpty() ? names : options.metrics();
      for (String k : keep) {
        if (!names.contains(k)) {
          throw new IllegalArgumentException(
              "--metrics: "
                  + k
                  + " is not a column of "
                  + machine
                  + " (m0..m"
                  + (names.size() - 1)
                  + ")");
        }
      }
      if (metrics != null && !metrics.equals(keep)) {
        throw new IllegalArgumentException(
            machine
                + " has metrics "
                + keep
                + ", the machines before it "
                + metrics
                + ": one bundle needs one schema (pick --machines or --metrics)");
      }
      metrics = keep;
      Map<String, String> labels = Map.of("job", job, "instance", machine);
      List<RawSeries> series = new ArrayList<>();
      for (String k : keep) {
        int j = names.indexOf(k);
        long[] ts = new long[rows.length];
        double[] vs = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
          ts[r] = START + r * options.stepMs();
          vs[r] = rows[r][j];
        }
        series.add(new RawSeries(k, labels, ts, vs));
      }
      out.add(new ComponentHistory(job + "/" + machine, job + "/" + machine, series, List.of()));
    }
    progress.onProgress("read smd", chosen.size(), chosen.size());
    FeatureConfig cfg =
        FeatureConfig.forMetrics(metrics)
            .withWindow(
                FeatureConfig.DEFAULT_WINDOW_MS / 15_000 * options.stepMs(), options.stepMs());
    return new SourceHistory(
        "smd",
        cfg,
        out,
        chosen.size() + " machine(s) " + chosen + ", " + metrics.size() + " metrics",
        false);
  }

  /** Machines with a {@code train/<machine>.txt}, sorted. */
  static List<String> machines(Path dir) {
    try (Stream<Path> s = Files.list(dir.resolve("train"))) {
      List<String> out =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".txt"))
              .map(n -> n.substring(0, n.length() - 4))
              .sorted()
              .toList();
      if (out.isEmpty()) {
        throw new IllegalArgumentException(dir.resolve("train") + " holds no <machine>.txt file");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.resolve("train"), e);
    }
  }

  /**
   * Rows of numbers, all as wide as the first; a bad cell or a ragged row is refused naming file,
   * line and column.
   */
  static double[][] readRows(Path file, int maxRows) {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      int no = 0;
      while ((line = in.readLine()) != null && (maxRows == 0 || rows.size() < maxRows)) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (!rows.isEmpty() && cells.length != rows.get(0).length) {
          throw new IllegalArgumentException(
              file
                  + " line "
                  + no
                  + ": "
                  + cells.length
                  + " columns, expected "
                  + rows.get(0).length
                  + " as in the first row");
        }
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
          try {
            row[j] = Double.parseDouble(cells[j].trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                file
                    + " line "
                    + no
                    + " column "
                    + (j + 1)
                    + " (m"
                    + j
                    + "): must be a number, got \""
                    + cells[j]
                    + "\"");
          }
          if (!Double.isFinite(row[j])) {
            throw new IllegalArgumentException(
                file
                    + " line "
                    + no
                    + " column "
                    + (j + 1)
                    + " (m"
                    + j
                    + "): must be finite, got \""
                    + cells[j]
                    + "\"");
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + ": no rows");
    }
    return rows.toArray(new double[0][]);
  }
}
