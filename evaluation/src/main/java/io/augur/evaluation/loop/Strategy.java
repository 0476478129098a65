package io.augur.evaluation.loop;

import java.util.Arrays;
import java.util.List;

/** How a loop chooses its next experiment (see {@link LoopSimulation} for each one's rule). */
public enum Strategy {
  /** Uniformly among the (service, fault type) pairs not tried yet. */
  RANDOM("random", "random"),
  /**
   * The peer recommender's rule: highest current CPU, memory or error rate, z-scored against the
   * service's own last hour, above a threshold; the fault type follows the signal.
   */
  HEURISTIC("heuristic", "heuristic (z-scored CPU/memory/errors)"),
  /** Augur: the ensemble's predictions through the real ranker (risk plus uncertainty). */
  PREDICTIVE("predictive", "Augur predictive"),
  /** The same, retraining the ensemble between rounds from the outcome labels. */
  FEEDBACK("feedback", "Augur predictive + outcome feedback"),
  /**
   * Not a strategy: reads the hidden fragility (most fragile untried pair first), the ceiling any
   * strategy could reach on the same fleet and budget.
   */
  ORACLE("oracle", "oracle ceiling (reads the hidden fragility)");

  private final String id;
  private final String title;

  Strategy(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** The four compared strategies, then the oracle. */
  public static List<Strategy> all() {
    return Arrays.asList(values());
  }

  public static Strategy fromId(String id) {
    return Arrays.stream(values())
        .filter(s -> s.id.equalsIgnoreCase(id == null ? "" : id.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "strategy must be one of "
                        + Arrays.stream(values()).map(Strategy::id).toList()
                        + ", got \""
                        + id
                        + "\""));
  }
}
