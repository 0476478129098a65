package io.augur.chaos.experiment;

import io.augur.domain.Checks;

/**
 * One stage of a progressive rollout, in Chaos Mesh's selector modes: {@code one} pod, a {@code
 * fixed-percent} of the target's pods, or {@code all} of them.
 *
 * @param percent the percentage for {@code fixed-percent}, else 0
 * @param podsHit how many pods this stage touches (for {@code fixed-percent}: ceil(percent% of the
 *     pods))
 */
public record RolloutStep(String mode, int percent, int podsHit) {
  public RolloutStep {
    Checks.nonBlank("mode", mode);
    switch (mode) {
      case "one" -> {
        if (percent != 0 || podsHit != 1) {
          throw new IllegalArgumentException(
              "mode one hits exactly one pod, got percent=" + percent + " podsHit=" + podsHit);
        }
      }
      case "fixed-percent" -> {
        if (percent < 1 || percent > 100) {
          throw new IllegalArgumentException("percent must be within [1, 100], got " + percent);
        }
      }
      case "all" -> {
        if (percent != 0) {
          throw new IllegalArgumentException("mode all takes no percent, got " + percent);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "mode must be one, fixed-percent or all, got \"" + mode + "\"");
    }
    if (podsHit < 1) {
      throw new IllegalArgumentException("podsHit must be >= 1, got " + podsHit);
    }
  }

  public static RolloutStep onePod() {
    return new RolloutStep("one", 0, 1);
  }

  public static RolloutStep percentOf(int percent, int targetPods) {
    return new RolloutStep(
        "fixed-percent", percent, (int) Math.ceil(percent * (double) targetPods / 100.0));
  }

  public static RolloutStep all(int targetPods) {
    return new RolloutStep("all", 0, targetPods);
  }

  /** The selector-mode value Chaos Mesh expects, or null. */
  public String value() {
    return "fixed-percent".equals(mode) ? Integer.toString(percent) : null;
  }
}
