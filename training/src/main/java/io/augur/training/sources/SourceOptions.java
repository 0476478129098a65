package io.augur.training.sources;

import io.augur.domain.Checks;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of {@code augur train} that sources read; each source takes what it needs and names
 * what is missing.
 *
 * @param inputs files or directories ({@code nab}: CSV files or directories of them; {@code smd}:
 *     one directory)
 * @param machines SMD machines to read (empty: all with a {@code train/} file)
 * @param metrics metrics to keep (SMD: {@code m0..m37}; Prometheus: metric names; empty: all)
 * @param url Prometheus base URL
 * @param match Prometheus series selectors
 * @param start range start ({@code now-2h}, ISO-8601 or epoch seconds)
 * @param end range end
 * @param stepMs the feature layer's step (one NAB/SMD row a step)
 * @param componentLabels the labels that identify a component (Prometheus; default job, instance)
 * @param maxSteps keep at most this many steps per file or machine (0: all)
 * @param fleets simulated fleets ({@code demo})
 * @param hours simulated hours per fleet ({@code demo})
 * @param fleetSeed first fleet's seed ({@code demo})
 */
public record SourceOptions(
    List<Path> inputs,
    List<String> machines,
    List<String> metrics,
    String url,
    List<String> match,
    String start,
    String end,
    long stepMs,
    List<String> componentLabels,
    int maxSteps,
    int fleets,
    double hours,
    long fleetSeed) {

  public SourceOptions {
    inputs = List.copyOf(Checks.noNullElements("inputs", inputs == null ? List.of() : inputs));
    machines =
        List.copyOf(Checks.noNullElements("machines", machines == null ? List.of() : machines));
    metrics = List.copyOf(Checks.noNullElements("metrics", metrics == null ? List.of() : metrics));
    match = List.copyOf(Checks.noNullElements("match", match == null ? List.of() : match));
    componentLabels =
        List.copyOf(
            Checks.noNullElements(
                "componentLabels",
                componentLabels == null || componentLabels.isEmpty()
                    ? List.of("job", "instance")
                    : componentLabels));
    if (stepMs < 1000) {
      throw new IllegalArgumentException("--step must be >= 1s, got " + stepMs + " ms");
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("--max-steps must be >= 0, got " + maxSteps);
    }
  }

  /**
   * Defaults for tests: 15 s steps, job/instance components, demo fleets as the command's defaults.
   */
  public static SourceOptions defaults() {
    return new SourceOptions(
        List.of(), List.of(), List.of(), null, List.of(), null, null, 15_000, List.of(), 0, 4, 8,
        1000);
  }

  public SourceOptions withInputs(List<Path> in) {
    return new SourceOptions(
        in,
        machines,
        metrics,
        url,
        match,
        start,
        end,
        stepMs,
        componentLabels,
        maxSteps,
        fleets,
        hours,
        fleetSeed);
  }

  public SourceOptions withMachines(List<String> m) {
    return new SourceOptions(
        inputs,
        m,
        metrics,
        url,
        match,
        start,
        end,
        stepMs,
        componentLabels,
        maxSteps,
        fleets,
        hours,
        fleetSeed);
  }

  public SourceOptions withMetrics(List<String> m) {
    return new SourceOptions(
        inputs,
        machines,
        m,
        url,
        match,
        start,
        end,
        stepMs,
        componentLabels,
        maxSteps,
        fleets,
        hours,
        fleetSeed);
  }

  public SourceOptions withPrometheus(String u, List<String> selectors, String from, String to) {
    return new SourceOptions(
        inputs,
        machines,
        metrics,
        u,
        selectors,
        from,
        to,
        stepMs,
        componentLabels,
        maxSteps,
        fleets,
        hours,
        fleetSeed);
  }

  public SourceOptions withMaxSteps(int n) {
    return new SourceOptions(
        inputs,
        machines,
        metrics,
        url,
        match,
        start,
        end,
        stepMs,
        componentLabels,
        n,
        fleets,
        hours,
        fleetSeed);
  }

  public SourceOptions withFleets(int n, double h, long seed) {
    return new SourceOptions(
        inputs,
        machines,
        metrics,
        url,
        match,
        start,
        end,
        stepMs,
        componentLabels,
        maxSteps,
        n,
        h,
        seed);
  }

  /**
   * The option's value, or an {@link IllegalArgumentException} naming the option the source needs.
   */
  public static <T> T required(String source, String option, T value) {
    if (value == null
        || (value instanceof String s && s.isBlank())
        || (value instanceof List<?> l && l.isEmpty())) {
      throw new IllegalArgumentException("--source " + source + " needs " + option);
    }
    return value;
  }
}
