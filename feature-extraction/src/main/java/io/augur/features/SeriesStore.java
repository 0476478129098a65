package io.augur.features;

import java.util.List;
import java.util.Map;

/**
 * Where a component's series windows live: a hash map on the heap by default ({@link #onHeap()});
 * the streaming job keeps them in Flink's keyed {@code MapState}, one entry per series, so that a
 * sample reads and writes one series' state rather than the whole component's.
 *
 * <p>Windows are mutable: after changing one the extractor calls {@link #save} so that stores which
 * hold serialized copies see the change.
 */
public interface SeriesStore {

  /**
   * The window of series ({@code metric}, {@code labels}), or null; {@code labels} is sorted and
   * immutable.
   */
  SeriesWindow find(String metric, Map<String, String> labels);

  /** Stores a new window or writes back a changed one (its identity is {@code w.key()}). */
  void save(SeriesWindow w);

  void remove(SeriesWindow w);

  /** Every window, in a stable order (insertion order on the heap, key order in Flink's state). */
  List<SeriesWindow> all();

  /**
   * True when the store keeps the very window objects it is given (changes need no write-back);
   * false (the default) when it keeps copies, as Flink's RocksDB state does.
   */
  default boolean holdsReferences() {
    return false;
  }

  /** A new in-memory store. */
  static SeriesStore onHeap() {
    return new HeapSeriesStore();
  }
}
