package io.augur.job.chaos;

import io.augur.chaos.metrics.OutcomeLogTail;
import io.augur.domain.ExperimentOutcome;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Follows the experiment engine's outcome log ({@code io.augur.chaos.loop.OutcomeLog}), one read
 * per call: the outcomes appended since the last call (all of them after the file was replaced, or
 * after a restart: the planner keys outcomes by plan and target, so a replay counts once).
 */
public final class OutcomeFollower implements GeneratorFunction<Long, OutcomeFollower.Batch> {
  private static final long serialVersionUID = 1L;

  /** Outcomes read in one call. */
  public record Batch(List<ExperimentOutcome> outcomes) {
    public Batch {
      outcomes = List.copyOf(outcomes);
    }
  }

  private final String file;
  private transient OutcomeLogTail tail;
  private transient int seen;
  private transient long version = -1;

  public OutcomeFollower(String file) {
    this.file = Path.of(file).toString();
  }

  @Override
  public void open(SourceReaderContext readerContext) {
    tail = new OutcomeLogTail(Path.of(file));
    seen = 0;
  }

  @Override
  public Batch map(Long index) {
    if (tail == null) {
      open(null);
    }
    OutcomeLogTail.Contents c = tail.read();
    if (c.version() == version) {
      return new Batch(List.of());
    }
    version = c.version();
    List<ExperimentOutcome> all = c.outcomes();
    if (all.size() < seen) {
      seen = 0; // replaced or truncated: read from the start again
    }
    List<ExperimentOutcome> fresh = all.subList(seen, all.size());
    seen = all.size();
    return new Batch(fresh);
  }
}
