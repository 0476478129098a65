package io.augur.features;

import io.augur.domain.SeriesKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The default {@link SeriesStore}: windows by reference in an insertion-ordered hash map. */
final class HeapSeriesStore implements SeriesStore {
  /** Keyed by metric and the sample's own (immutable, sorted) labels: a lookup copies nothing. */
  private final Map<SeriesId, SeriesWindow> series = new LinkedHashMap<>();

  @Override
  public boolean holdsReferences() {
    return true;
  }

  @Override
  public SeriesWindow find(String metric, Map<String, String> labels) {
    return series.get(new SeriesId(metric, labels));
  }

  @Override
  public void save(SeriesWindow w) {
    series.putIfAbsent(SeriesId.of(w.key()), w);
  }

  @Override
  public void remove(SeriesWindow w) {
    series.remove(SeriesId.of(w.key()));
  }

  @Override
  public List<SeriesWindow> all() {
    return new ArrayList<>(series.values());
  }

  /**
   * Series identity for lookups; {@code labels} is an immutable sorted map owned by a sample or a
   * key. Equality walks both sorted maps in step (no tree lookups).
   */
  private static final class SeriesId {
    private final String metric;
    private final Map<String, String> labels;
    private final int hash;

    SeriesId(String metric, Map<String, String> labels) {
      this.metric = metric;
      this.labels = labels;
      this.hash = metric.hashCode() * 31 + labels.hashCode();
    }

    static SeriesId of(SeriesKey k) {
      return new SeriesId(k.metric(), k.labels());
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof SeriesId other)
          || other.hash != hash
          || !other.metric.equals(metric)
          || other.labels.size() != labels.size()) {
        return false;
      }
      Iterator<Map.Entry<String, String>> a = labels.entrySet().iterator();
      Iterator<Map.Entry<String, String>> b = other.labels.entrySet().iterator();
      while (a.hasNext()) {
        Map.Entry<String, String> x = a.next();
        Map.Entry<String, String> y = b.next();
        if (!x.getKey().equals(y.getKey()) || !x.getValue().equals(y.getValue())) {
          return false;
        }
      }
      return true;
    }
  }
}
