package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import java.time.Duration;

/**
 * Weights of the ranking formula (see {@link TargetRanker}).
 *
 * @param uncertaintyWeight alpha: how much model uncertainty raises a score (0 = ignore it)
 * @param recencyWeight gamma: how much each recent experiment on the target lowers its score
 * @param recencyHalfLife how fast a past experiment's weight decays
 * @param blastWeight beta: how much blast radius lowers a score
 * @param blastReference the blast radius at which (with beta = 1) a score is halved
 */
public record RankingConfig(
    double uncertaintyWeight,
    double recencyWeight,
    Duration recencyHalfLife,
    double blastWeight,
    double blastReference) {

  public static final RankingConfig DEFAULT =
      new RankingConfig(1.0, 1.0, Duration.ofHours(24), 1.0, 0.1);

  public RankingConfig {
    Checks.nonNegative("uncertaintyWeight", uncertaintyWeight);
    Checks.nonNegative("recencyWeight", recencyWeight);
    Checks.nonNull("recencyHalfLife", recencyHalfLife);
    if (recencyHalfLife.isZero() || recencyHalfLife.isNegative()) {
      throw new IllegalArgumentException("recencyHalfLife must be > 0, got " + recencyHalfLife);
    }
    Checks.nonNegative("blastWeight", blastWeight);
    if (!(blastReference > 0 && blastReference <= 1)) {
      throw new IllegalArgumentException(
          "blastReference must be within (0, 1], got " + blastReference);
    }
  }
}
