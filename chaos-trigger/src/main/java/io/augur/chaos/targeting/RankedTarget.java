package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import io.augur.domain.FailurePrediction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One ranked candidate with every term of its score, so a plan can say why it chose the target.
 *
 * @param uncertainty U in 0..1
 * @param recencyFactor R in (0, 1]
 * @param blastFactor B in (0, 1]
 * @param blastRadius the share of the system's pods a one-pod experiment on it would touch
 */
public record RankedTarget(
    FailurePrediction prediction,
    double score,
    double uncertainty,
    double disagreement,
    double recencyLoad,
    double recencyFactor,
    double blastRadius,
    double blastFactor) {

  public RankedTarget {
    Checks.nonNull("prediction", prediction);
    Checks.nonNegative("score", score);
    Checks.probability("uncertainty", uncertainty);
    Checks.probability("disagreement", disagreement);
    Checks.nonNegative("recencyLoad", recencyLoad);
    Checks.probability("recencyFactor", recencyFactor);
    Checks.probability("blastRadius", blastRadius);
    Checks.probability("blastFactor", blastFactor);
  }

  public String component() {
    return prediction.component();
  }

  /** The evidence a plan carries: every term of the score, formatted with 4 decimals. */
  public Map<String, String> evidence() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("score", f(score));
    e.put("probability", f(prediction.probability()));
    e.put("uncertainty", f(uncertainty));
    e.put("disagreement", f(disagreement));
    e.put("recencyLoad", f(recencyLoad));
    e.put("recencyFactor", f(recencyFactor));
    e.put("blastRadius", f(blastRadius));
    e.put("blastFactor", f(blastFactor));
    e.put("predictionTimestampMs", Long.toString(prediction.timestampMs()));
    e.put("modelVersion", prediction.modelVersion());
    prediction.modelParts().forEach((k, v) -> e.put("model." + k, f(v)));
    return e;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
