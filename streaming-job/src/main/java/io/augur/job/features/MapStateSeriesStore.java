package io.augur.job.features;

import io.augur.domain.SeriesKey;
import io.augur.features.SeriesStore;
import io.augur.features.SeriesWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * A component's series in keyed {@code MapState}, one entry per series keyed by its canonical
 * Prometheus form: on RocksDB a sample reads and writes one series (~0.6 KB), not the component.
 * Scoped to the current key by Flink, so one instance serves every key of the operator.
 */
final class MapStateSeriesStore implements SeriesStore {
  private final MapState<String, SeriesWindow> state;

  MapStateSeriesStore(MapState<String, SeriesWindow> state) {
    this.state = state;
  }

  @Override
  public SeriesWindow find(String metric, Map<String, String> labels) {
    try {
      return state.get(SeriesKey.of(metric, labels).canonical());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read series state of " + metric + labels, e);
    }
  }

  @Override
  public void save(SeriesWindow w) {
    try {
      state.put(w.key().canonical(), w);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write series state of " + w.key(), e);
    }
  }

  @Override
  public void remove(SeriesWindow w) {
    try {
      state.remove(w.key().canonical());
    } catch (Exception e) {
      throw new IllegalStateException("cannot remove series state of " + w.key(), e);
    }
  }

  @Override
  public List<SeriesWindow> all() {
    try {
      List<SeriesWindow> out = new ArrayList<>();
      for (SeriesWindow w : state.values()) {
        out.add(w);
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read series states", e);
    }
  }
}
