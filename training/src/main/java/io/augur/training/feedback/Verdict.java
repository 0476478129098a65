package io.augur.training.feedback;

import io.augur.chaos.loop.LabelledWindow;
import io.augur.chaos.loop.LabelledWindow.Label;
import io.augur.training.sources.ChaosLabels;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An operator's verdict on one {@code AugurPredictedFailure} alert, and the labelled window it
 * becomes: {@code [alertAt - before, alertAt + after)} of the alert's component, NORMAL for a false
 * positive (the next bundle learns the pattern is normal there) and FAILURE for a true positive;
 * source {@value ChaosLabels#OPERATOR_SOURCE}, plan id the verdict's id (deduplicated on it).
 */
public enum Verdict {
  FALSE_POSITIVE,
  TRUE_POSITIVE;

  /**
   * The comment prefix of a verdict silence: {@code augur:false-positive} or {@code
   * augur:true-positive}.
   */
  public static final String PREFIX = "augur:";

  /** Default window around the alert: 10 minutes before it (the pattern it fired on), 5 after. */
  public static final Duration DEFAULT_BEFORE = Duration.ofMinutes(10);

  public static final Duration DEFAULT_AFTER = Duration.ofMinutes(5);

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Verdict::id).toList();
  }

  public static Verdict fromId(String s) {
    for (Verdict v : values()) {
      if (v.id().equals(s == null ? null : s.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "--verdict must be one of " + ids() + ", got " + (s == null ? "nothing" : "\"" + s + "\""));
  }

  /**
   * The window this verdict on {@code component}'s alert at {@code alertAtMs} labels, keyed {@code
   * verdictId}.
   */
  public LabelledWindow window(
      String component, long alertAtMs, String verdictId, Duration before, Duration after) {
    long start = Math.max(0, alertAtMs - before.toMillis());
    long end = Math.max(start + 1, alertAtMs + after.toMillis());
    Label label = this == FALSE_POSITIVE ? Label.NORMAL : Label.FAILURE;
    return new LabelledWindow(
        component,
        start,
        end,
        label,
        this == FALSE_POSITIVE ? "none" : "unknown",
        ChaosLabels.OPERATOR_SOURCE,
        verdictId,
        id());
  }
}
