package io.augur.job.prometheus;

import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One matcher set's reading progress, as checkpointed. Everything before {@code nextStartMs} has
 * been emitted. When a window was being emitted at checkpoint time, {@code windowEndMs} is its end
 * (else -1) and {@code emittedInWindow} how many of its samples (in the server's deterministic
 * series-then-time order) were already emitted; after a restore the same window is read again and
 * those are skipped, so there is no gap and no duplicate.
 */
public record RemoteReadSplit(
    String id,
    List<LabelMatcher> matchers,
    long nextStartMs,
    long windowEndMs,
    long emittedInWindow)
    implements SourceSplit {

  public RemoteReadSplit {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must not be empty, got " + id);
    }
    matchers = new ReadQuery(0, 0, matchers).matchers();
    if (nextStartMs < 0) {
      throw new IllegalArgumentException("nextStartMs must be >= 0, got " + nextStartMs);
    }
    if (windowEndMs != -1 && windowEndMs < nextStartMs) {
      throw new IllegalArgumentException(
          "windowEndMs " + windowEndMs + " must be -1 or >= nextStartMs " + nextStartMs);
    }
    if (emittedInWindow < 0 || (windowEndMs == -1 && emittedInWindow != 0)) {
      throw new IllegalArgumentException(
          "emittedInWindow must be 0 outside a window and >= 0 inside, got " + emittedInWindow);
    }
  }

  @Override
  public String splitId() {
    return id;
  }
}
