package io.augur.job.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A polling source (a {@link DataGeneratorSource} over a long count) that ends once a file exists:
 * after it appears, {@code drainPolls} more records are generated (the poller reads what was
 * written last), then the reader reports end of input. For bounded runs of a job whose side inputs
 * poll forever: the demo's outcome follower ends when the demo fleet has sent its last step, so the
 * job finishes.
 */
final class UntilFileSource<T>
    implements Source<T, NumberSequenceSplit, Collection<NumberSequenceSplit>>,
        ResultTypeQueryable<T> {
  private static final long serialVersionUID = 1L;

  private final DataGeneratorSource<T> inner;
  private final String file;
  private final int drainPolls;

  UntilFileSource(DataGeneratorSource<T> inner, String file, int drainPolls) {
    this.inner = inner;
    this.file = Path.of(file).toString();
    if (drainPolls < 1) {
      throw new IllegalArgumentException("drainPolls must be >= 1, got " + drainPolls);
    }
    this.drainPolls = drainPolls;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return inner.getProducedType();
  }

  @Override
  public Boundedness getBoundedness() {
    return inner.getBoundedness();
  }

  @Override
  public SourceReader<T, NumberSequenceSplit> createReader(SourceReaderContext ctx)
      throws Exception {
    return new Reader<>(inner.createReader(ctx), Path.of(file), drainPolls);
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> ctx) {
    return inner.createEnumerator(ctx);
  }

  @Override
  public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> restoreEnumerator(
      SplitEnumeratorContext<NumberSequenceSplit> ctx, Collection<NumberSequenceSplit> state) {
    return inner.restoreEnumerator(ctx, state);
  }

  @Override
  public SimpleVersionedSerializer<NumberSequenceSplit> getSplitSerializer() {
    return inner.getSplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Collection<NumberSequenceSplit>>
      getEnumeratorCheckpointSerializer() {
    return inner.getEnumeratorCheckpointSerializer();
  }

  /** The inner reader, until the file has been seen and the drain polls are done. */
  static final class Reader<T> implements SourceReader<T, NumberSequenceSplit> {
    private final SourceReader<T, NumberSequenceSplit> inner;
    private final Path file;
    private final int drainPolls;
    private int afterFile = -1;

    Reader(SourceReader<T, NumberSequenceSplit> inner, Path file, int drainPolls) {
      this.inner = inner;
      this.file = file;
      this.drainPolls = drainPolls;
    }

    @Override
    public void start() {
      inner.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      if (afterFile < 0 && Files.exists(file)) {
        afterFile = 0;
      }
      if (afterFile >= drainPolls) {
        return InputStatus.END_OF_INPUT;
      }
      InputStatus s = inner.pollNext(output);
      if (afterFile >= 0) {
        afterFile++;
      }
      return s;
    }

    @Override
    public List<NumberSequenceSplit> snapshotState(long checkpointId) {
      return inner.snapshotState(checkpointId);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return inner.isAvailable();
    }

    @Override
    public void addSplits(List<NumberSequenceSplit> splits) {
      inner.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
      inner.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
      inner.handleSourceEvents(event);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
      inner.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void close() throws Exception {
      inner.close();
    }
  }
}
