package io.augur.chaos.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.loop.LabelledWindow.Label;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable label log {@code augur train --labels} reads: JSON lines, each either an {@link
 * ExperimentOutcome} (what {@link OutcomeLog} appends) or a labelled window in {@link
 * LabelledWindowsFile}'s JSON-lines keys (what operator verdicts append, with an extra {@code note}
 * key). Appends are forced to disk line by line ({@link JsonLines}); lines that parse as neither
 * are skipped and reported by number.
 *
 * <p>A window is keyed by {@code source} and {@code plan_id} (for a verdict: {@code silence:<id>}
 * or {@code alert:<fingerprint>}): {@link #appendOnce} appends a key at most once, so reading one
 * Alertmanager silence twice, or giving one verdict twice, leaves one line.
 */
public final class LabelLog {
  private final Path file;

  public LabelLog(Path file) {
    this.file = Checks.nonNull("file", file);
    String n = file.getFileName().toString();
    if (!n.endsWith(".jsonl") && !n.endsWith(".ndjson")) {
      throw new IllegalArgumentException(
          "label log must be a JSON-lines file (.jsonl), got " + file);
    }
  }

  public Path file() {
    return file;
  }

  /** A window as the log holds it: the window and the operator's note ("" when none). */
  public record Entry(LabelledWindow window, String note) {
    public Entry {
      Checks.nonNull("window", window);
      note = note == null ? "" : note;
    }
  }

  /**
   * What a read found, in file order, and the 1-based numbers of lines that parsed as neither kind.
   */
  public record Contents(
      List<Entry> windows, List<ExperimentOutcome> outcomes, List<Integer> skippedLines) {
    public Contents {
      windows = List.copyOf(windows);
      outcomes = List.copyOf(outcomes);
      skippedLines = List.copyOf(skippedLines);
    }

    /**
     * Every window: the logged ones, then the outcomes' (by {@link OutcomeLabeller} with {@code
     * baseline}).
     */
    public List<LabelledWindow> allWindows(Duration baseline) {
      List<LabelledWindow> out = new ArrayList<>();
      windows.forEach(e -> out.add(e.window()));
      out.addAll(new OutcomeLabeller(baseline).windows(outcomes));
      return out;
    }

    /** The logged window with {@code source} and {@code planId}, if any. */
    public Optional<Entry> find(String source, String planId) {
      return windows.stream()
          .filter(e -> e.window().source().equals(source) && e.window().planId().equals(planId))
          .findFirst();
    }
  }

  /**
   * Appends {@code window} unless a window with its source and plan id is already logged; returns
   * whether it appended. Refuses a window whose key is logged with another label (a verdict cannot
   * silently flip), naming both.
   */
  public synchronized boolean appendOnce(LabelledWindow window, String note) {
    Checks.nonNull("window", window);
    if (window.planId().isEmpty()) {
      throw new IllegalArgumentException(
          "a logged window needs a plan id to deduplicate by, got none for " + window);
    }
    Optional<Entry> old = read().find(window.source(), window.planId());
    if (old.isPresent()) {
      LabelledWindow o = old.get().window();
      if (o.label() != window.label() || !o.experimentType().equals(window.experimentType())) {
        throw new IllegalArgumentException(
            window.planId()
                + " already has the verdict "
                + o.experimentType()
                + " ("
                + o.label().id()
                + ") in "
                + file
                + "; refusing "
                + window.experimentType());
      }
      return false;
    }
    try {
      JsonLines.append(file, line(window, note).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append label " + window.planId() + " to " + file, e);
    }
    return true;
  }

  static ObjectNode line(LabelledWindow w, String note) {
    ObjectNode n = Wire.RECORDS.createObjectNode();
    n.put("component", w.component());
    n.put("start_ms", w.startMs());
    n.put("end_ms", w.endMs());
    n.put("label", w.label().id());
    n.put("failure_mode", w.failureMode());
    n.put("source", w.source());
    n.put("plan_id", w.planId());
    n.put("experiment_type", w.experimentType());
    if (note != null && !note.isEmpty()) {
      n.put("note", note);
    }
    return n;
  }

  /** Reads the log; an absent file is empty. */
  public Contents read() {
    if (!Files.exists(file)) {
      return new Contents(List.of(), List.of(), List.of());
    }
    return read(file);
  }

  /**
   * Reads any JSON-lines file of outcomes and windows, mixed (the format {@link LabelLog} writes).
   */
  public static Contents read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read label log " + file, e);
    }
    List<Entry> windows = new ArrayList<>();
    List<ExperimentOutcome> outcomes = new ArrayList<>();
    List<Integer> skipped = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).trim();
      if (l.isEmpty()) {
        continue;
      }
      try {
        JsonNode n = Wire.RECORDS.readTree(l);
        if (n.has("label") && n.has("start_ms")) {
          windows.add(new Entry(window(n), n.path("note").asText("")));
        } else {
          outcomes.add(Wire.RECORDS.treeToValue(n, ExperimentOutcome.class));
        }
      } catch (IOException | RuntimeException e) {
        skipped.add(i + 1);
      }
    }
    return new Contents(windows, outcomes, skipped);
  }

  private static LabelledWindow window(JsonNode n) {
    for (String h : LabelledWindowsFile.HEADER) {
      if (!n.has(h)) {
        throw new IllegalArgumentException("missing key " + h);
      }
    }
    return new LabelledWindow(
        n.get("component").asText(),
        n.get("start_ms").asLong(),
        n.get("end_ms").asLong(),
        Label.fromId(n.get("label").asText()),
        n.get("failure_mode").asText(),
        n.get("source").asText(),
        n.get("plan_id").asText(),
        n.get("experiment_type").asText());
  }
}
