package io.augur.training.sources;

import io.augur.features.FeatureConfig;
import io.augur.models.ProgressListener;
import io.augur.models.inject.RawSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * CSV series in NAB's layout ({@code timestamp,value}, header line, timestamps like {@code
 * 2014-07-01 00:00:00} in increasing order). Each file is one component: {@code job} = its
 * directory (NAB's category, e.g. {@code realKnownCause}), {@code instance} = the file name without
 * {@code .csv}; one metric, {@value #METRIC}. Rows are replayed one a step in file order (row i at
 * the first timestamp, floored to the step, plus i steps), as {@code augur evaluate nab} streams
 * them; a timestamp must parse but may repeat (NAB's ec2_request_latency_system_failure.csv steps
 * back an hour at a daylight-saving change). A directory is searched for {@code *.csv} (under
 * {@code data/} when it is a NAB checkout). No labels: NAB's windows are kept for evaluation.
 */
public final class NabSource implements TrainingSource {
  /** The metric name NAB's {@code value} column becomes. */
  public static final String METRIC = "value";

  private final SourceOptions options;

  public NabSource(SourceOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "nab";
  }

  @Override
  public SourceHistory read(ProgressListener progress) {
    List<Path> files =
        files(SourceOptions.required("nab", "--input <dir or csv files>", options.inputs()));
    FeatureConfig cfg =
        FeatureConfig.forMetrics(List.of(METRIC))
            .withWindow(
                FeatureConfig.DEFAULT_WINDOW_MS / 15_000 * options.stepMs(), options.stepMs());
    List<ComponentHistory> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      progress.onProgress("read nab", i, files.size());
      Path f = files.get(i);
      String job =
          f.getParent() == null || f.getParent().getFileName() == null
              ? "nab"
              : f.getParent().getFileName().toString();
      String instance = f.getFileName().toString().replaceFirst("\\.csv$", "");
      RawSeries s =
          read(f, Map.of("job", job, "instance", instance), options.stepMs(), options.maxSteps());
      out.add(
          new ComponentHistory(job + "/" + instance, job + "/" + instance, List.of(s), List.of()));
    }
    progress.onProgress("read nab", files.size(), files.size());
    return new SourceHistory(
        "nab", cfg, out, files.size() + " CSV file(s), metric " + METRIC, false);
  }

  static List<Path> files(List<Path> inputs) {
    TreeSet<Path> out = new TreeSet<>();
    for (Path in : inputs) {
      if (Files.isRegularFile(in)) {
        if (!in.toString().endsWith(".csv")) {
          throw new IllegalArgumentException("--input " + in + " is not a .csv file");
        }
        out.add(in);
      } else if (Files.isDirectory(in)) {
        Path root = Files.isDirectory(in.resolve("data")) ? in.resolve("data") : in;
        try (Stream<Path> s = Files.walk(root)) {
          s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv")).forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + root, e);
        }
      } else {
        throw new IllegalArgumentException("--input " + in + " does not exist");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--input " + inputs + " holds no .csv file");
    }
    return List.copyOf(out);
  }

  /** One file as a series, one row a step; bad rows are refused naming file, line and field. */
  static RawSeries read(Path file, Map<String, String> labels, long stepMs, int maxSteps) {
    List<Double> values = new ArrayList<>();
    long first = -1;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.trim().replace(" ", "").startsWith("timestamp,value")) {
        throw new IllegalArgumentException(
            file
                + " line 1: the header must be timestamp,value, got "
                + (header == null ? "an empty file" : "\"" + header + "\""));
      }
      String line;
      int no = 1;
      while ((line = in.readLine()) != null && (maxSteps == 0 || values.size() < maxSteps)) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length < 2) {
          throw new IllegalArgumentException(
              file + " line " + no + ": expected timestamp,value, got \"" + line + "\"");
        }
        long t;
        try {
          t = parseTimestamp(f[0].trim());
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              file
                  + " line "
                  + no
                  + ": timestamp must look like 2014-07-01 00:00:00, got \""
                  + f[0]
                  + "\"");
        }
        double v;
        try {
          v = Double.parseDouble(f[1].trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file + " line " + no + ": value must be a number, got \"" + f[1] + "\"");
        }
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              file + " line " + no + ": value must be finite, got \"" + f[1] + "\"");
        }
        if (first < 0) {
          first = Math.max(0, Math.floorDiv(t, stepMs) * stepMs);
        }
        values.add(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(file + ": no data rows after the header");
    }
    long[] ts = new long[values.size()];
    double[] vs = new double[values.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = first + i * stepMs;
      vs[i] = values.get(i);
    }
    return new RawSeries(METRIC, labels, ts, vs);
  }

  /** A NAB timestamp ({@code 2014-04-01 00:00:00}, UTC) in epoch milliseconds. */
  public static long parseTimestamp(String text) {
    String iso = text.trim().replace(' ', 'T');
    return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
