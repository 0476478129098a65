package io.augur.job.prometheus;

import io.augur.job.ingest.IngestEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/** Emits samples and dead letters and advances the split's checkpointed position as they leave. */
final class RemoteReadRecordEmitter
    implements RecordEmitter<RemoteReadElement, IngestEvent, RemoteReadSplitState> {
  @Override
  public void emitRecord(
      RemoteReadElement e, SourceOutput<IngestEvent> out, RemoteReadSplitState state) {
    switch (e.kind()) {
      case SAMPLE -> {
        state.windowEndMs = e.windowEndMs();
        state.emittedInWindow++;
        out.collect(IngestEvent.of(e.sample()), e.sample().timestampMs());
      }
      case BAD_SAMPLE -> {
        state.windowEndMs = e.windowEndMs();
        state.emittedInWindow++;
        out.collect(IngestEvent.dead(e.deadLetter()), e.deadLetter().timestampMs());
      }
      case READ_FAILURE ->
          out.collect(IngestEvent.dead(e.deadLetter()), e.deadLetter().timestampMs());
      case WINDOW_DONE -> {
        state.nextStartMs = e.windowEndMs() + 1;
        state.windowEndMs = -1;
        state.emittedInWindow = 0;
      }
    }
  }
}
