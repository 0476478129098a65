package io.augur.evaluation.metrics;

import java.util.ArrayList;
import java.util.List;

/** A run of consecutive rows {@code [start, end)}: a labelled anomaly or a run of alarms. */
public record Segment(int start, int end) {
  public Segment {
    if (start < 0) {
      throw new IllegalArgumentException("start must be >= 0, got " + start);
    }
    if (end <= start) {
      throw new IllegalArgumentException("end must be > start " + start + ", got " + end);
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Segment other) {
    return start < other.end && other.start < end;
  }

  /** The maximal runs of {@code true} in {@code flags}, in order. */
  public static List<Segment> runsOf(boolean[] flags) {
    List<Segment> runs = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < flags.length; i++) {
      if (flags[i] && start < 0) {
        start = i;
      } else if (!flags[i] && start >= 0) {
        runs.add(new Segment(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      runs.add(new Segment(start, flags.length));
    }
    return runs;
  }
}
