package io.augur.evaluation.nab;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Detector result files in NAB's layout, {@code
 * <root>/<detector>/<category>/<detector>_<file>.csv}, with the columns {@code
 * timestamp,value,anomaly_score,label}. Reading only needs an {@code anomaly_score} column, so the
 * single-column golden vectors in {@code reference_results/} read too.
 */
public final class NabResultFiles {

  private static final MathContext TWELVE_DIGITS = new MathContext(12, RoundingMode.HALF_EVEN);

  private NabResultFiles() {}

  /** Where NAB keeps {@code detector}'s result for {@code file} under {@code root}. */
  public static Path path(Path root, String detector, NabDataFile file) {
    return root.resolve(detector)
        .resolve(file.category())
        .resolve(detector + "_" + file.fileName());
  }

  /**
   * Rounds to 12 significant digits, the precision of NAB's checked-in result files (Python 2's
   * {@code str}). Scores near 1 then round to exactly 1.0, which is what NAB's stored thresholds
   * were chosen on.
   */
  public static double roundToNabPrecision(double score) {
    if (score == 0.0 || !Double.isFinite(score)) {
      return score;
    }
    return new BigDecimal(score).round(TWELVE_DIGITS).doubleValue();
  }

  /** Writes one result file and returns its path. */
  public static Path write(Path root, String detector, NabDataFile file, double[] scores) {
    if (scores.length != file.rows()) {
      throw new IllegalArgumentException(
          "scores must have "
              + file.rows()
              + " entries for "
              + file.relativePath()
              + ", got "
              + scores.length);
    }
    Path out = path(root, detector, file);
    int[] labels = file.labels();
    try {
      Files.createDirectories(out.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        w.write("timestamp,value,anomaly_score,label\n");
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < scores.length; i++) {
          line.setLength(0);
          line.append(file.timestamps().get(i)).append(',');
          appendValue(line, file.values()[i]);
          line.append(',').append(scores[i]).append(',').append(labels[i]).append('\n');
          w.write(line.toString());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  private static void appendValue(StringBuilder line, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      line.append((long) value);
    } else {
      line.append(value);
    }
  }

  /** Reads the {@code anomaly_score} column of one result file. */
  public static double[] readScores(Path csv, int expectedRows) {
    double[] scores = new double[expectedRows];
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      String[] names = header == null ? new String[0] : header.split(",", -1);
      int column = -1;
      for (int c = 0; c < names.length; c++) {
        if (names[c].trim().equals("anomaly_score")) {
          column = c;
        }
      }
      if (column < 0) {
        throw new IllegalArgumentException(
            csv + " has no anomaly_score column; header is " + header);
      }
      int row = 0;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (row >= expectedRows) {
          throw new IllegalArgumentException(
              csv + " has more rows than the data file's " + expectedRows);
        }
        scores[row++] = Double.parseDouble(field(line, column).trim());
      }
      if (row != expectedRows) {
        throw new IllegalArgumentException(
            csv + " has " + row + " rows, the data file has " + expectedRows);
      }
      return scores;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
  }

  private static String field(String line, int column) {
    int start = 0;
    for (int c = 0; c < column; c++) {
      start = line.indexOf(',', start) + 1;
      if (start == 0) {
        throw new IllegalArgumentException(
            "row has fewer than " + (column + 1) + " columns: " + line);
      }
    }
    int end = line.indexOf(',', start);
    return end < 0 ? line.substring(start) : line.substring(start, end);
  }

  /** Reads {@code detector}'s results for every file of {@code corpus} from {@code root}. */
  public static DetectorScores read(Path root, String detector, NabCorpus corpus) {
    Map<String, double[]> scores = new LinkedHashMap<>();
    for (NabDataFile f : corpus.files()) {
      Path csv = path(root, detector, f);
      if (!Files.isRegularFile(csv)) {
        throw new IllegalArgumentException(
            "missing result file " + csv + " for " + f.relativePath());
      }
      scores.put(f.relativePath(), readScores(csv, f.rows()));
    }
    return new DetectorScores(detector, scores);
  }
}
