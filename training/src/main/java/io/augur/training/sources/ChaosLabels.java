package io.augur.training.sources;

import io.augur.chaos.loop.LabelLog;
import io.augur.chaos.loop.LabelledWindow;
import io.augur.chaos.loop.LabelledWindowsFile;
import io.augur.fleet.FailureMode;
import io.augur.training.demo.DemoTrainingSet;
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
 * Chaos-experiment outcomes and operator verdicts as labelled spans. Reads either a JSON-lines
 * label log ({@link LabelLog}: chaos-trigger's durable outcome log of {@code ExperimentOutcome}s,
 * turned into windows by {@code OutcomeLabeller} with a 5-minute baseline, and labelled windows
 * such as {@code augur feedback}'s verdicts, mixed) or the CSV labelled-windows file {@code augur
 * chaos labels} writes. Verdicts (source {@value #OPERATOR_SOURCE}) come before every other span of
 * their component, so they override the labels they overlap. A FAILED or ABORTED experiment's
 * window is failing (with its failure mode when it is one of {@link FailureMode}'s, failure at the
 * window's end) and the next {@link DemoTrainingSet#SETTLE_MS} are left out; a PASSED experiment
 * and the baseline before it are normal.
 */
public final class ChaosLabels {
  public static final String LABEL_SOURCE = "chaos";

  /**
   * The source of operator verdicts ({@code augur feedback}, Alertmanager silences); spans keep it.
   */
  public static final String OPERATOR_SOURCE = "operator";

  private ChaosLabels() {}

  /**
   * The spans of {@code file}, per component, failing and normal spans before the left-out ones.
   */
  public static Map<String, List<LabelSpan>> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--labels " + file + " does not exist");
    }
    List<LabelledWindow> windows =
        file.getFileName().toString().endsWith(".csv") ? LabelledWindowsFile.read(file) : log(file);
    Map<String, List<LabelSpan>> operator = new LinkedHashMap<>();
    Map<String, List<LabelSpan>> out = new LinkedHashMap<>();
    Map<String, List<LabelSpan>> after = new LinkedHashMap<>();
    for (LabelledWindow w : windows) {
      boolean failing = w.label() == LabelledWindow.Label.FAILURE;
      boolean verdict = OPERATOR_SOURCE.equals(w.source());
      String source = verdict ? OPERATOR_SOURCE : LABEL_SOURCE;
      (verdict ? operator : out)
          .computeIfAbsent(w.component(), c -> new ArrayList<>())
          .add(
              new LabelSpan(
                  w.component(),
                  w.startMs(),
                  w.endMs(),
                  failing ? LabelSpan.Kind.FAILING : LabelSpan.Kind.NORMAL,
                  failing ? mode(w.failureMode()) : null,
                  failing ? w.endMs() : null,
                  source));
      if (failing) {
        after
            .computeIfAbsent(w.component(), c -> new ArrayList<>())
            .add(
                new LabelSpan(
                    w.component(),
                    w.endMs(),
                    w.endMs() + DemoTrainingSet.SETTLE_MS,
                    LabelSpan.Kind.EXCLUDED,
                    null,
                    null,
                    source));
      }
    }
    // operator verdicts first: a window takes the first span containing its end, so a verdict
    // overrides the experiment labels and the source's own labels it overlaps
    Map<String, List<LabelSpan>> all = new LinkedHashMap<>(operator);
    out.forEach((c, spans) -> all.computeIfAbsent(c, x -> new ArrayList<>()).addAll(spans));
    after.forEach((c, spans) -> all.computeIfAbsent(c, x -> new ArrayList<>()).addAll(spans));
    return all;
  }

  /**
   * Adds the spans to the histories of their components; refuses labels that match no component.
   */
  public static List<ComponentHistory> apply(
      Path file, Map<String, List<LabelSpan>> spans, List<ComponentHistory> histories) {
    Set<String> known = new LinkedHashSet<>();
    histories.forEach(h -> known.add(h.component()));
    if (spans.keySet().stream().noneMatch(known::contains)) {
      throw new IllegalArgumentException(
          "--labels "
              + file
              + ": none of its components "
              + spans.keySet()
              + " is in the history (components: "
              + abbreviate(known)
              + ")");
    }
    List<ComponentHistory> out = new ArrayList<>();
    for (ComponentHistory h : histories) {
      List<LabelSpan> s = spans.get(h.component());
      out.add(
          s == null
              ? h
              : h.withLeadingSpans(
                      s.stream().filter(x -> OPERATOR_SOURCE.equals(x.source())).toList())
                  .withSpans(s.stream().filter(x -> !OPERATOR_SOURCE.equals(x.source())).toList()));
    }
    return out;
  }

  /**
   * A JSON-lines label log: chaos-trigger's outcome log, a windows file, or both mixed ({@link
   * LabelLog}).
   */
  private static List<LabelledWindow> log(Path file) {
    LabelLog.Contents c = LabelLog.read(file);
    if (c.outcomes().isEmpty() && c.windows().isEmpty()) {
      throw new IllegalArgumentException(
          "--labels "
              + file
              + ": no experiment outcome read"
              + (c.skippedLines().isEmpty()
                  ? " (empty file)"
                  : "; lines "
                      + c.skippedLines()
                      + " are not ExperimentOutcome JSON nor labelled windows")
              + "; expected chaos-trigger's outcome log or the windows file of `augur chaos labels`");
    }
    if (!c.skippedLines().isEmpty()) {
      System.err.println(
          "augur train: --labels " + file + ": skipped unreadable line(s) " + c.skippedLines());
    }
    return c.allWindows(Duration.ofMinutes(5));
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
