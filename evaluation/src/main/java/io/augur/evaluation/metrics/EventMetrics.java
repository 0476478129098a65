package io.augur.evaluation.metrics;

import java.util.List;

/**
 * Event-wise figures: each labelled segment is one event, detected when at least one alarm falls
 * inside it; each maximal run of alarms is one prediction, correct when it overlaps an event.
 * Precision = correct runs / runs, recall = detected events / events.
 */
public record EventMetrics(int events, int detectedEvents, int alarmRuns, int correctAlarmRuns) {
  public EventMetrics {
    if (events < 0 || detectedEvents < 0 || detectedEvents > events) {
      throw new IllegalArgumentException(
          "detectedEvents must be within [0, events " + events + "], got " + detectedEvents);
    }
    if (alarmRuns < 0 || correctAlarmRuns < 0 || correctAlarmRuns > alarmRuns) {
      throw new IllegalArgumentException(
          "correctAlarmRuns must be within [0, alarmRuns "
              + alarmRuns
              + "], got "
              + correctAlarmRuns);
    }
  }

  public static EventMetrics of(boolean[] labels, boolean[] alarms) {
    if (labels.length != alarms.length) {
      throw new IllegalArgumentException(
          "labels and alarms must have the same length, got "
              + labels.length
              + " and "
              + alarms.length);
    }
    List<Segment> events = Segment.runsOf(labels);
    List<Segment> runs = Segment.runsOf(alarms);
    int detected = 0;
    for (Segment e : events) {
      for (int i = e.start(); i < e.end(); i++) {
        if (alarms[i]) {
          detected++;
          break;
        }
      }
    }
    int correct = 0;
    for (Segment r : runs) {
      for (int i = r.start(); i < r.end(); i++) {
        if (labels[i]) {
          correct++;
          break;
        }
      }
    }
    return new EventMetrics(events.size(), detected, runs.size(), correct);
  }

  public double precision() {
    return alarmRuns == 0 ? 0.0 : (double) correctAlarmRuns / alarmRuns;
  }

  public double recall() {
    return events == 0 ? 0.0 : (double) detectedEvents / events;
  }

  public double f1() {
    return Confusion.f1(precision(), recall());
  }
}
