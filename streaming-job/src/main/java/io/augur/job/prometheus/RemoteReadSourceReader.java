package io.augur.job.prometheus;

import io.augur.job.ingest.IngestEvent;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/** The remote-read source reader: one fetcher thread serving all of this subtask's splits. */
@SuppressWarnings("try") // close() is inherited from SourceReaderBase
final class RemoteReadSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
        RemoteReadElement, IngestEvent, RemoteReadSplit, RemoteReadSplitState> {

  RemoteReadSourceReader(
      Supplier<SplitReader<RemoteReadElement, RemoteReadSplit>> splitReader,
      Configuration config,
      SourceReaderContext context) {
    super(splitReader, new RemoteReadRecordEmitter(), config, context);
  }

  @Override
  protected void onSplitFinished(Map<String, RemoteReadSplitState> finished) {}

  @Override
  protected RemoteReadSplitState initializedState(RemoteReadSplit split) {
    return new RemoteReadSplitState(split);
  }

  @Override
  protected RemoteReadSplit toSplitType(String splitId, RemoteReadSplitState state) {
    return state.toSplit();
  }
}
