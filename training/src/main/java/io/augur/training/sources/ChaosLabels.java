package io.augur.training.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.loop.LabelledWindow;
import io.augur.chaos.loop.LabelledWindowsFile;
import io.augur.chaos.loop.OutcomeLabeller;
import io.augur.chaos.loop.OutcomeLog;
import io.augur.fleet.FailureMode;
import io.augur.training.demo.DemoTrainingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chaos-experiment outcomes as labelled spans. Reads either chaos-trigger's durable outcome log
 * (JSON lines of {@code ExperimentOutcome}, turned into windows by {@link OutcomeLabeller} with a
 * 5-minute baseline) or the labelled-windows file {@code augur chaos labels} writes (CSV or JSONL).
 * A FAILED or ABORTED experiment's window is failing (with its failure mode when it is one of
 * {@link FailureMode}'s, failure at the window's end) and the next {@link
 * DemoTrainingSet#SETTLE_MS} are left out; a PASSED experiment and the baseline before it are normal.
 */
public final class ChaosLabels {
  public static final String LABEL_SOURCE = "chaos";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChaosLabels() {}

  /** The spans of {@code file}, per component, failing and normal spans before the left-out ones. */
  public static Map<String, List<LabelSpan>> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--labels " + file + " does not exist");
    }
    List<LabelledWindow> windows = isWindowsFile(file) ? LabelledWindowsFile.read(file) : outcomes(file);
    Map<String, List<LabelSpan>> out = new LinkedHashMap<>();
    Map<String, List<LabelSpan>> after = new LinkedHashMap<>();
    for (LabelledWindow w : windows) {
      boolean failing = w.label() == LabelledWindow.Label.FAILURE;
      out.computeIfAbsent(w.component(), c -> new ArrayList<>()).add(new LabelSpan(w.component(), w.startMs(), w.endMs(),
          failing ? LabelSpan.Kind.FAILING : LabelSpan.Kind.NORMAL, failing ? mode(w.failureMode()) : null,
          failing ? w.endMs() : null, LABEL_SOURCE));
      if (failing) {
        after.computeIfAbsent(w.component(), c -> new ArrayList<>()).add(new LabelSpan(w.component(), w.endMs(),
            w.endMs() + DemoTrainingSet.SETTLE_MS, LabelSpan.Kind.EXCLUDED, null, null, LABEL_SOURCE));
      }
    }
    after.forEach((c, spans) -> out.computeIfAbsent(c, x -> new ArrayList<>()).addAll(spans));
    return out;
  }

  /** Adds the spans to the histories of their components; refuses labels that match no component. */
  public static List<ComponentHistory> apply(Path file, Map<String, List<LabelSpan>> spans, List<ComponentHistory> histories) {
    Set<String> known = new LinkedHashSet<>();
    histories.forEach(h -> known.add(h.component()));
    if (spans.keySet().stream().noneMatch(known::contains)) {
      throw new IllegalArgumentException("--labels " + file + ": none of its components " + spans.keySet()
          + " is in the history (components: " + abbreviate(known) + ")");
    }
    List<ComponentHistory> out = new ArrayList<>();
    for (ComponentHistory h : histories) {
      List<LabelSpan> s = spans.get(h.component());
      out.add(s == null ? h : h.withSpans(s));
    }
    return out;
  }

  private static List<LabelledWindow> outcomes(Path file) {
    OutcomeLog.Contents c = new OutcomeLog(file).read();
    if (c.outcomes().isEmpty()) {
      throw new IllegalArgumentException("--labels " + file + ": no experiment outcome read"
          + (c.skippedLines().isEmpty() ? " (empty file)" : "; lines " + c.skippedLines() + " are not ExperimentOutcome JSON")
          + "; expected chaos-trigger's outcome log or the windows file of `augur chaos labels`");
    }
    if (!c.skippedLines().isEmpty()) {
      System.err.println("augur train: --labels " + file + ": skipped unreadable line(s) " + c.skippedLines());
    }
    return new OutcomeLabeller(Duration.ofMinutes(5)).windows(c.outcomes());
  }

  /** A CSV file, or JSON lines whose first object has the windows file's {@code label} key. */
  private static boolean isWindowsFile(Path file) {
    if (file.getFileName().toString().endsWith(".csv")) {
      return true;
    }
    try (var lines = Files.lines(file)) {
      String first = lines.filter(l -> !l.isBlank()).findFirst().orElse("");
      JsonNode n = JSON.readTree(first.isEmpty() ? "{}" : first);
      return n.has("label") && n.has("start_ms");
    } catch (IOException e) {
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
        throw new IllegalArgumentException("--labels " + file + " line 1 is not JSON: " + j.getOriginalMessage());
      }
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static FailureMode mode(String id) {
    try {
      return FailureMode.fromId(id);
    } catch (RuntimeException e) {
      return null; // a mode outside the fleet's vocabulary: failing, mode unknown
    }
  }

  private static String abbreviate(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    return l.size() <= 5 ? l.toString() : l.subList(0, 5) + " and " + (l.size() - 5) + " more";
  }
}
