package io.augur.chaos.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.loop.LabelledWindow.Label;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled windows as CSV (RFC 4180, header {@link #HEADER}) or JSON lines (one object per line
 * with the same snake_case keys), chosen by the file extension ({@code .csv} or {@code .jsonl}).
 * Times are epoch milliseconds; the window is [start_ms, end_ms).
 */
public final class LabelledWindowsFile {
  public static final List<String> HEADER =
      List.of(
          "component",
          "start_ms",
          "end_ms",
          "label",
          "failure_mode",
          "source",
          "plan_id",
          "experiment_type");

  private LabelledWindowsFile() {}

  public static void write(Path file, List<LabelledWindow> windows) {
    StringBuilder sb = new StringBuilder();
    boolean csv = isCsv(file);
    if (csv) {
      sb.append(String.join(",", HEADER)).append('\n');
    }
    for (LabelledWindow w : windows) {
      List<String> f =
          List.of(
              w.component(),
              Long.toString(w.startMs()),
              Long.toString(w.endMs()),
              w.label().id(),
              w.failureMode(),
              w.source(),
              w.planId(),
              w.experimentType());
      if (csv) {
        sb.append(String.join(",", f.stream().map(LabelledWindowsFile::csvField).toList()))
            .append('\n');
      } else {
        ObjectNode n = Wire.RECORDS.createObjectNode();
        for (int i = 0; i < HEADER.size(); i++) {
          if (i == 1 || i == 2) {
            n.put(HEADER.get(i), Long.parseLong(f.get(i)));
          } else {
            n.put(HEADER.get(i), f.get(i));
          }
        }
        sb.append(n).append('\n');
      }
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write labelled windows to " + file, e);
    }
  }

  public static List<LabelledWindow> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read labelled windows " + file, e);
    }
    List<LabelledWindow> out = new ArrayList<>();
    boolean csv = isCsv(file);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || (csv && i == 0)) {
        if (csv && i == 0 && !parseCsv(l).equals(HEADER)) {
          throw new IllegalArgumentException(
              file + " line 1 must be the header " + HEADER + ", got " + l);
        }
        continue;
      }
      try {
        List<String> f = csv ? parseCsv(l) : fromJson(Wire.RECORDS.readTree(l));
        if (f.size() != HEADER.size()) {
          throw new IllegalArgumentException(
              "expected " + HEADER.size() + " fields, got " + f.size());
        }
        out.add(
            new LabelledWindow(
                f.get(0),
                Long.parseLong(f.get(1)),
                Long.parseLong(f.get(2)),
                Label.fromId(f.get(3)),
                f.get(4),
                f.get(5),
                f.get(6),
                f.get(7)));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static boolean isCsv(Path file) {
    String n = file.getFileName().toString();
    if (n.endsWith(".csv")) {
      return true;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return false;
    }
    throw new IllegalArgumentException(
        "labelled windows file must end in .csv or .jsonl, got " + file);
  }

  private static List<String> fromJson(JsonNode n) {
    List<String> f = new ArrayList<>();
    for (String h : HEADER) {
      if (!n.has(h)) {
        throw new IllegalArgumentException("missing key " + h);
      }
      f.add(n.get(h).asText());
    }
    return f;
  }

  static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  static List<String> parseCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
