package io.augur.features;

import io.augur.domain.FeatureSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each metric's features sit in a component vector, computed once per config and shared by
 * every extractor of that config.
 */
final class FeatureLayout {
  private static final Map<FeatureConfig, FeatureLayout> CACHE = new ConcurrentHashMap<>();

  final FeatureSchema schema;
  final int[] offsets;
  final boolean[] counter;
  private final Map<String, Integer> index;

  private FeatureLayout(FeatureConfig cfg) {
    this.cfg = cfg;
    this.schema = FeatureSchemas.of(cfg);
    int n = cfg.metrics().size();
    this.offsets = new int[n];
    this.counter = new boolean[n];
    this.index = new HashMap<>();
    int off = 0;
    for (int i = 0; i < n; i++) {
      String m = cfg.metrics().get(i);
      index.put(m, i);
      counter[i] = cfg.isCounter(m);
      offsets[i] = off;
      off += SeriesFeature.countFor(counter[i]);
    }
  }

  /**
   * The last layout handed out: state restores reuse one config instance, so this skips the hash.
   */
  private static volatile FeatureLayout last;

  private final FeatureConfig cfg;

  static FeatureLayout of(FeatureConfig cfg) {
    FeatureLayout recent = last;
    if (recent != null && recent.cfg == cfg) {
      return recent;
    }
    FeatureLayout l = CACHE.get(cfg);
    if (l == null) {
      if (CACHE.size() > 64) {
        CACHE.clear();
      }
      l = new FeatureLayout(cfg);
      CACHE.put(cfg, l);
    }
    last = l;
    return l;
  }

  int metricIndex(String metric) {
    Integer i = index.get(metric);
    return i == null ? -1 : i;
  }
}
