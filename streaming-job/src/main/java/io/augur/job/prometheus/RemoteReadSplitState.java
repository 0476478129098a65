package io.augur.job.prometheus;

/** The mutable twin of {@link RemoteReadSplit}, advanced by the record emitter as records leave. */
final class RemoteReadSplitState {
  private final RemoteReadSplit initial;
  long nextStartMs;
  long windowEndMs;
  long emittedInWindow;

  RemoteReadSplitState(RemoteReadSplit s) {
    this.initial = s;
    this.nextStartMs = s.nextStartMs();
    this.windowEndMs = s.windowEndMs();
    this.emittedInWindow = s.emittedInWindow();
  }

  RemoteReadSplit toSplit() {
    return new RemoteReadSplit(
        initial.id(), initial.matchers(), nextStartMs, windowEndMs, emittedInWindow);
  }
}
