package io.augur.evaluation.nab;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.json.Wire;
import io.augur.training.sources.NabSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The NAB corpus read from a directory laid out as NAB ships it: {@code data/<category>/<name>.csv}
 * and {@code labels/combined_windows.json}. Files are kept in the order of their relative paths.
 *
 * @param root the NAB directory
 * @param files every data file with its windows
 */
public record NabCorpus(Path root, List<NabDataFile> files) {

  public NabCorpus {
    if (root == null) {
      throw new IllegalArgumentException("root must not be null");
    }
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("files must not be empty, got none under " + root);
    }
  }

  /**
   * Reads every data file listed in {@code labels/combined_windows.json} that exists under {@code
   * data/}.
   */
  public static NabCorpus load(Path nabDir) {
    Path windowsJson = nabDir.resolve("labels").resolve("combined_windows.json");
    Path dataDir = nabDir.resolve("data");
    if (!Files.isRegularFile(windowsJson) || !Files.isDirectory(dataDir)) {
      throw new IllegalArgumentException(
          "nabDir must contain data/ and labels/combined_windows.json, got "
              + nabDir.toAbsolutePath());
    }
    Map<String, List<String[]>> windowLimits = readWindowLimits(windowsJson);
    List<NabDataFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dataDir)) {
      List<Path> csvs = paths.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
      for (Path csv : csvs) {
        String relative = dataDir.relativize(csv).toString().replace('\\', '/');
        List<String[]> limits = windowLimits.get(relative);
        if (limits == null) {
          continue; // not part of the labelled corpus (NAB's data/README.md and the like)
        }
        files.add(readDataFile(csv, relative, limits));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dataDir, e);
    }
    return new NabCorpus(nabDir, files);
  }

  /** Total number of labelled windows: the normalisation constant (116 for NAB v1.1). */
  public int windowCount() {
    return files.stream().mapToInt(f -> f.windows().size()).sum();
  }

  public int rowCount() {
    return files.stream().mapToInt(NabDataFile::rows).sum();
  }

  /** The files of one category, e.g. {@code realAWSCloudwatch}, as a corpus of their own. */
  public NabCorpus category(String category) {
    List<NabDataFile> chosen = files.stream().filter(f -> f.category().equals(category)).toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("category has no files in " + root + ": " + category);
    }
    return new NabCorpus(root, chosen);
  }

  /** The file with that relative path. */
  public NabDataFile file(String relativePath) {
    return files.stream()
        .filter(f -> f.relativePath().equals(relativePath))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("relativePath not in corpus: " + relativePath));
  }

  /**
   * Parses NAB's timestamps ({@code 2014-04-10 07:15:00}, optionally with fractional seconds) as
   * UTC.
   */
  public static long parseTimestamp(String text) {
    return NabSource.parseTimestamp(text);
  }

  private static Map<String, List<String[]>> readWindowLimits(Path windowsJson) {
    try {
      JsonNode root = Wire.EXTERNAL.readTree(windowsJson.toFile());
      Map<String, List<String[]>> out = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        List<String[]> limits = new ArrayList<>();
        for (JsonNode pair : e.getValue()) {
          limits.add(new String[] {pair.get(0).asText(), pair.get(1).asText()});
        }
        out.put(e.getKey(), limits);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read windows " + windowsJson, e);
    }
  }

  private static NabDataFile readDataFile(Path csv, String relative, List<String[]> limits)
      throws IOException {
    List<String> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.trim().startsWith("timestamp,value")) {
        throw new IllegalArgumentException(
            csv + " must start with the header timestamp,value, got " + header);
      }
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        timestamps.add(line.substring(0, comma));
        int next = line.indexOf(',', comma + 1);
        values.add(
            Double.parseDouble(line.substring(comma + 1, next < 0 ? line.length() : next).trim()));
      }
    }
    long[] millis = new long[timestamps.size()];
    Map<Long, Integer> firstIndex = new HashMap<>();
    for (int i = 0; i < millis.length; i++) {
      millis[i] = parseTimestamp(timestamps.get(i));
      firstIndex.putIfAbsent(millis[i], i);
    }
    List<NabWindow> windows = new ArrayList<>();
    for (String[] limit : limits) {
      Integer start = firstIndex.get(parseTimestamp(limit[0]));
      Integer end = firstIndex.get(parseTimestamp(limit[1]));
      if (start == null || end == null) {
        throw new IllegalArgumentException(
            "window " + limit[0] + " .. " + limit[1] + " does not match rows of " + relative);
      }
      windows.add(new NabWindow(start, end));
    }
    return new NabDataFile(
        relative,
        timestamps,
        millis,
        values.stream().mapToDouble(Double::doubleValue).toArray(),
        windows);
  }
}
