package io.augur.evaluation.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * How early each labelled event was flagged, in rows: onset minus the first alarm at most {@code
 * earlyWindow} rows before the onset (and after the previous event's end) or inside the event.
 * Positive means a warning before the onset, 0 an alarm at the onset, negative a detection that
 * many rows late. Events without such an alarm are not detected and carry no lead time.
 */
public record LeadTimes(int events, int earlyWindow, double[] leads) {
  public LeadTimes {
    if (earlyWindow < 0) {
      throw new IllegalArgumentException("earlyWindow must be >= 0, got " + earlyWindow);
    }
    leads = leads.clone();
    if (leads.length > events) {
      throw new IllegalArgumentException(
          "leads must be at most events " + events + ", got " + leads.length);
    }
  }

  public static LeadTimes of(boolean[] labels, boolean[] alarms, int earlyWindow) {
    if (labels.length != alarms.length) {
      throw new IllegalArgumentException(
          "labels and alarms must have the same length, got "
              + labels.length
              + " and "
              + alarms.length);
    }
    if (earlyWindow < 0) {
      throw new IllegalArgumentException("earlyWindow must be >= 0, got " + earlyWindow);
    }
    List<Segment> events = Segment.runsOf(labels);
    double[] leads = new double[events.size()];
    int detected = 0;
    int previousEnd = 0;
    for (Segment e : events) {
      int from = Math.max(previousEnd, e.start() - earlyWindow);
      for (int i = from; i < e.end(); i++) {
        if (alarms[i]) {
          leads[detected++] = e.start() - i;
          break;
        }
      }
      previousEnd = e.end();
    }
    return new LeadTimes(events.size(), earlyWindow, Arrays.copyOf(leads, detected));
  }

  @Override
  public double[] leads() {
    return leads.clone();
  }

  public int detected() {
    return leads.length;
  }

  /** Mean lead in rows over detected events; NaN when none was detected. */
  public double mean() {
    return leads.length == 0 ? Double.NaN : Arrays.stream(leads).average().orElse(Double.NaN);
  }

  /** Median lead in rows over detected events; NaN when none was detected. */
  public double median() {
    if (leads.length == 0) {
      return Double.NaN;
    }
    double[] sorted = leads.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LeadTimes other
        && events == other.events
        && earlyWindow == other.earlyWindow
        && Arrays.equals(leads, other.leads);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * events + earlyWindow) + Arrays.hashCode(leads);
  }

  @Override
  public String toString() {
    return "LeadTimes[events="
        + events
        + ", earlyWindow="
        + earlyWindow
        + ", leads="
        + Arrays.toString(leads)
        + "]";
  }
}
