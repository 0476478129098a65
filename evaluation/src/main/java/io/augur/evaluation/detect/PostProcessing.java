package io.augur.evaluation.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What is done to a detector's scores before NAB's threshold sees them, in this order: rank each
 * score among the series' earlier ones ({@link HistoryRank}), turn the scores into Numenta's
 * anomaly likelihood ({@link AnomalyLikelihood}), score 1 at a new all-time high or low beyond
 * {@code extreme} times the range ({@link NewExtremeRule}), and keep only the first of an event's
 * alarms ({@link EventSuppression} with the given memory, factor 0.5). Each step is optional. Named
 * as the cross-fit prints and {@link #parse} reads it: {@code
 * rank+likelihood+extreme-0.1+suppress-100}, or {@code none}.
 *
 * @param rank whether scores are ranked within the series
 * @param likelihood whether scores are turned into anomaly likelihoods
 * @param extreme the new-extreme tolerance, 0 for no new-extreme rule
 * @param memory the suppression memory, 0 for no suppression
 */
public record PostProcessing(boolean rank, boolean likelihood, double extreme, int memory) {

  /** Rows the ranking and the new-extreme rule skip at most: NAB's longest probationary period. */
  public static final int MAX_PROBATION = 750;

  public PostProcessing {
    if (!(extreme >= 0 && extreme < 100)) {
      throw new IllegalArgumentException("extreme must be within [0, 100), got " + extreme);
    }
    if (memory < 0) {
      throw new IllegalArgumentException("memory must be >= 0, got " + memory);
    }
  }

  /** Nothing done. */
  public static PostProcessing none() {
    return new PostProcessing(false, false, 0, 0);
  }

  /** Every combination of the given choices, in order (rank outermost, memory innermost). */
  public static List<PostProcessing> grid(
      List<Boolean> ranks,
      List<Boolean> likelihoods,
      List<Double> extremes,
      List<Integer> memories) {
    List<PostProcessing> out = new ArrayList<>();
    for (boolean r : ranks) {
      for (boolean l : likelihoods) {
        for (double e : extremes) {
          for (int m : memories) {
            out.add(new PostProcessing(r, l, e, m));
          }
        }
      }
    }
    return out;
  }

  /** Reads a name as {@link #name()} writes it. */
  public static PostProcessing parse(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("post-processing name must not be blank");
    }
    if (name.equals("none")) {
      return none();
    }
    boolean rank = false;
    boolean likelihood = false;
    double extreme = 0;
    int memory = 0;
    for (String part : name.split("\\+")) {
      try {
        if (part.equals("rank")) {
          rank = true;
        } else if (part.equals("likelihood")) {
          likelihood = true;
        } else if (part.startsWith("extreme-")) {
          extreme = Double.parseDouble(part.substring("extreme-".length()));
        } else if (part.startsWith("suppress-")) {
          memory = Integer.parseInt(part.substring("suppress-".length()));
        } else {
          throw new IllegalArgumentException(
              "unknown step \""
                  + part
                  + "\" in post-processing \""
                  + name
                  + "\" (expected rank, likelihood, extreme-<tolerance>, suppress-<memory> joined by +, or none)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad number in step \"" + part + "\" of post-processing \"" + name + "\"");
      }
    }
    return new PostProcessing(rank, likelihood, extreme, memory);
  }

  /** {@code rank+likelihood+extreme-0.1+suppress-100}, the steps present, or {@code none}. */
  public String name() {
    List<String> parts = new ArrayList<>();
    if (rank) {
      parts.add("rank");
    }
    if (likelihood) {
      parts.add("likelihood");
    }
    if (extreme > 0) {
      parts.add("extreme-" + String.format(Locale.ROOT, "%s", extreme));
    }
    if (memory > 0) {
      parts.add("suppress-" + memory);
    }
    return parts.isEmpty() ? "none" : String.join("+", parts);
  }

  /** {@code detector} with these steps applied. */
  public StreamingDetector wrap(StreamingDetector detector) {
    StreamingDetector d = detector;
    if (rank) {
      d = new HistoryRank(d, MAX_PROBATION);
    }
    if (likelihood) {
      d = new AnomalyLikelihood(d, MAX_PROBATION);
    }
    if (extreme > 0) {
      d = new NewExtremeRule(d, extreme, MAX_PROBATION);
    }
    if (memory > 0) {
      d = new EventSuppression(d, memory, 0.5);
    }
    return d;
  }
}
