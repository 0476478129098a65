package io.augur.training.sources;

/**
 * How histories become labelled windows.
 *
 * @param windowSteps vectors per window (the ensemble's, 8)
 * @param normalStride a normal window every this many steps (failing ones at every step)
 * @param horizonMs "failure within H": an injected fault's failure is placed H after its onset, and
 *     windows ending up to then are failing
 * @param segmentSteps when injecting, each history is cut into segments of about this many steps;
 *     every other segment gets one fault, the rest stay normal (each segment counts as a component
 *     for the trainer's split, named {@code <component>#<n>}); 0: {@link #AUTO_SEGMENTS}
 * @param minVisibleSteps a window is failing only once it holds this many faulty steps
 * @param inject inject synthetic faults into segments without real failing labels
 * @param seed seeds the injected faults' kinds, onsets and shapes (and the trainer)
 */
public record TrainingPlan(
    int windowSteps,
    int normalStride,
    long horizonMs,
    int segmentSteps,
    int minVisibleSteps,
    boolean inject,
    long seed) {
  /**
   * Segment length when {@code segmentSteps} is 0: the total history over {@value #TARGET_SEGMENTS}
   * segments (six injected per fault kind, so the trainer's 40/40/20 split leaves every kind in
   * each part), kept within [{@value #MIN_AUTO_STEPS}, {@value #MAX_AUTO_STEPS}] steps. With 2 to 3
   * injected segments per kind, validation AUC fell to about 0.5 (the train part missed kinds).
   */
  public static final String AUTO_SEGMENTS = "auto";

  public static final int TARGET_SEGMENTS = 72;
  public static final int MIN_AUTO_STEPS = 160;
  public static final int MAX_AUTO_STEPS = 480;

  public TrainingPlan {
    if (windowSteps < 1
        || normalStride < 1
        || minVisibleSteps < 1
        || minVisibleSteps > windowSteps) {
      throw new IllegalArgumentException(
          "need windowSteps >= 1, normalStride >= 1, 1 <= minVisibleSteps <= windowSteps, got "
              + windowSteps
              + ", "
              + normalStride
              + ", "
              + minVisibleSteps);
    }
    if (horizonMs < 1000) {
      throw new IllegalArgumentException("horizonMs must be >= 1000, got " + horizonMs);
    }
    if (segmentSteps != 0 && segmentSteps < 4 * windowSteps) {
      throw new IllegalArgumentException(
          "--segment-steps must be >= 4 x window steps = "
              + 4 * windowSteps
              + ", got "
              + segmentSteps);
    }
  }

  /**
   * Windows of 8, a normal window every 4 steps, the ensemble's horizon (30 min), automatic
   * segments, failing from 4 faulty steps.
   */
  public static TrainingPlan defaults(boolean inject, long seed) {
    return new TrainingPlan(
        8, 4, io.augur.models.ensemble.EnsembleConfig.defaults().horizonMs(), 0, 4, inject, seed);
  }

  /**
   * The segment length for {@code totalSteps} of history: {@code segmentSteps}, or the automatic
   * one.
   */
  public long segmentLength(long totalSteps) {
    return segmentSteps > 0
        ? segmentSteps
        : Math.max(MIN_AUTO_STEPS, Math.min(MAX_AUTO_STEPS, totalSteps / TARGET_SEGMENTS));
  }

  public TrainingPlan withInject(boolean on) {
    return new TrainingPlan(
        windowSteps, normalStride, horizonMs, segmentSteps, minVisibleSteps, on, seed);
  }

  public TrainingPlan withSegmentSteps(int n) {
    return new TrainingPlan(windowSteps, normalStride, horizonMs, n, minVisibleSteps, inject, seed);
  }
}
