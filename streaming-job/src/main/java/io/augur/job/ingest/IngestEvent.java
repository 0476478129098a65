package io.augur.job.ingest;

import io.augur.domain.DeadLetter;
import io.augur.domain.MetricSample;

/**
 * What an Augur source emits: either a sample or a dead letter (exactly one is set). Sources cannot
 * have side outputs in FLIP-27, so the envelope carries both and {@link IngestSplitter} separates
 * them into the job's sample stream and its dead-letter stream right after the source.
 */
public record IngestEvent(MetricSample sample, DeadLetter deadLetter) {
  public IngestEvent {
    if ((sample == null) == (deadLetter == null)) {
      throw new IllegalArgumentException(
          "exactly one of sample and deadLetter must be set, got " + sample + " and " + deadLetter);
    }
  }

  public static IngestEvent of(MetricSample s) {
    return new IngestEvent(s, null);
  }

  public static IngestEvent dead(DeadLetter d) {
    return new IngestEvent(null, d);
  }

  public boolean isSample() {
    return sample != null;
  }
}
