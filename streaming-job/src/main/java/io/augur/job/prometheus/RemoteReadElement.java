package io.augur.job.prometheus;

import io.augur.domain.DeadLetter;
import io.augur.domain.MetricSample;

/**
 * What the fetcher thread hands to the emitter: a sample (one position of the window), a dead
 * letter for a sample that failed validation (also a position), a dead letter about a failed read
 * (no position), or the end of a window.
 */
record RemoteReadElement(Kind kind, MetricSample sample, DeadLetter deadLetter, long windowEndMs) {
  enum Kind {
    SAMPLE,
    BAD_SAMPLE,
    READ_FAILURE,
    WINDOW_DONE
  }

  static RemoteReadElement sample(MetricSample s, long windowEnd) {
    return new RemoteReadElement(Kind.SAMPLE, s, null, windowEnd);
  }

  static RemoteReadElement badSample(DeadLetter d, long windowEnd) {
    return new RemoteReadElement(Kind.BAD_SAMPLE, null, d, windowEnd);
  }

  static RemoteReadElement readFailure(DeadLetter d) {
    return new RemoteReadElement(Kind.READ_FAILURE, null, d, -1);
  }

  static RemoteReadElement windowDone(long windowEnd) {
    return new RemoteReadElement(Kind.WINDOW_DONE, null, null, windowEnd);
  }
}
