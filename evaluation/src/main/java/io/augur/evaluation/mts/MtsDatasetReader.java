package io.augur.evaluation.mts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a directory in SMD's layout: {@code test_label/<machine>.txt} names the machines; each
 * machine also needs {@code train/<machine>.txt} and {@code test/<machine>.txt} (comma-separated,
 * no header, one row a step). Machines lacking either are listed by {@link #skipped()} with the
 * reason, not read.
 */
public final class MtsDatasetReader {
  private final Path dir;
  private final List<String> machines = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  public MtsDatasetReader(Path dir) {
    if (dir == null || !Files.isDirectory(dir.resolve("test_label"))) {
      throw new IllegalArgumentException("dir must hold a test_label/ folder, got " + dir);
    }
    this.dir = dir;
    try (Stream<Path> files = Files.list(dir.resolve("test_label"))) {
      for (Path label : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        String name = label.getFileName().toString().replaceFirst("\\.txt$", "");
        List<String> missing = new ArrayList<>();
        for (String part : List.of("train", "test")) {
          if (!Files.isRegularFile(dir.resolve(part).resolve(name + ".txt"))) {
            missing.add(part + "/" + name + ".txt");
          }
        }
        if (missing.isEmpty()) {
          machines.add(name);
        } else {
          skipped.add(name + " (missing " + String.join(", ", missing) + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir.resolve("test_label"), e);
    }
  }

  /** A reader limited to {@code names}, each of which must be a machine with data. */
  public MtsDatasetReader only(List<String> names) {
    for (String n : names) {
      if (!machines.contains(n)) {
        throw new IllegalArgumentException("machines must be among " + machines + ", got " + n);
      }
    }
    MtsDatasetReader copy = new MtsDatasetReader(dir);
    copy.machines.retainAll(names);
    return copy;
  }

  public Path dir() {
    return dir;
  }

  /** Machines with train, test and labels, sorted by name. */
  public List<String> machines() {
    return List.copyOf(machines);
  }

  /** Machines with labels but no data, each with what is missing. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  public MtsMachine read(String machine) {
    if (!machines.contains(machine)) {
      throw new IllegalArgumentException("machine must be one of " + machines + ", got " + machine);
    }
    double[][] train = readRows(dir.resolve("train").resolve(machine + ".txt"));
    double[][] test = readRows(dir.resolve("test").resolve(machine + ".txt"));
    double[][] labelRows = readRows(dir.resolve("test_label").resolve(machine + ".txt"));
    boolean[] labels = new boolean[labelRows.length];
    for (int i = 0; i < labels.length; i++) {
      double v = labelRows[i][0];
      if (v != 0.0 && v != 1.0) {
        throw new IllegalArgumentException(
            "label " + i + " of " + machine + " must be 0 or 1, got " + v);
      }
      labels[i] = v == 1.0;
    }
    return new MtsMachine(machine, train, test, labels);
  }

  static double[][] readRows(Path file) {
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
          try {
            row[j] = Double.parseDouble(cells[j].trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                file
                    + " line "
                    + lineNo
                    + " column "
                    + (j + 1)
                    + " must be a number, got '"
                    + cells[j]
                    + "'",
                e);
          }
          if (!Double.isFinite(row[j])) {
            throw new IllegalArgumentException(
                file
                    + " line "
                    + lineNo
                    + " column "
                    + (j + 1)
                    + " must be finite, got "
                    + cells[j]);
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows.toArray(new double[0][]);
  }
}
