package io.augur.job.prometheus;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands each matcher-set split to one reader (stable: hash of the split id modulo parallelism) as
 * soon as that reader registers; splits given back after a failure are handed out again. Bounded
 * sources tell readers there are no more splits once all are assigned.
 */
final class RemoteReadEnumerator
    implements SplitEnumerator<RemoteReadSplit, List<RemoteReadSplit>> {
  private final SplitEnumeratorContext<RemoteReadSplit> context;
  private final List<RemoteReadSplit> pending;
  private final boolean bounded;
  private final TreeSet<Integer> signalled = new TreeSet<>();

  RemoteReadEnumerator(
      SplitEnumeratorContext<RemoteReadSplit> context,
      List<RemoteReadSplit> pending,
      boolean bounded) {
    this.context = context;
    this.pending = new ArrayList<>(pending);
    this.bounded = bounded;
  }

  static int owner(String splitId, int parallelism) {
    return Math.floorMod(splitId.hashCode() * 31 + 17, parallelism);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    // splits are pushed on registration
  }

  @Override
  public void addSplitsBack(List<RemoteReadSplit> splits, int subtaskId) {
    pending.addAll(splits);
    signalled.remove(subtaskId);
    assign();
  }

  @Override
  public void addReader(int subtaskId) {
    assign();
  }

  private void assign() {
    int parallelism = context.currentParallelism();
    var readers = context.registeredReaders().keySet();
    for (Iterator<RemoteReadSplit> it = pending.iterator(); it.hasNext(); ) {
      RemoteReadSplit s = it.next();
      int owner = owner(s.id(), parallelism);
      if (readers.contains(owner)) {
        context.assignSplit(s, owner);
        it.remove();
      }
    }
    if (bounded) {
      for (int r : readers) {
        boolean ownsPending = pending.stream().anyMatch(s -> owner(s.id(), parallelism) == r);
        if (!ownsPending && signalled.add(r)) {
          context.signalNoMoreSplits(r);
        }
      }
    }
  }

  @Override
  public List<RemoteReadSplit> snapshotState(long checkpointId) {
    return List.copyOf(pending);
  }

  @Override
  public void close() {}
}
