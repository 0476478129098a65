package io.augur.training.sources;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.ComponentKeys;
import io.augur.features.FeatureConfig;
import io.augur.models.inject.RawSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * One component's feature vectors from its raw series, computed by the job's own {@link
 * ComponentFeatureExtractor}: the samples are offered in time order and the watermark follows a
 * step clock, as {@link io.augur.features.FleetFeatures} does for the demo fleet (so the vectors
 * equal what the streaming job emits for in-order input).
 */
public final class ComponentFeatures {
  private ComponentFeatures() {}

  /**
   * Vectors of the steps from {@code fromMs} (inclusive, floored to the step grid) to {@code toMs}
   * (exclusive), from the samples in that range.
   */
  public static List<FeatureVector> vectors(
      List<RawSeries> series, FeatureConfig cfg, long fromMs, long toMs) {
    long step = cfg.stepMs();
    int[] next = new int[series.size()];
    ComponentFeatureExtractor ex = null;
    for (int i = 0; i < series.size(); i++) {
      next[i] = series.get(i).lowerBound(fromMs);
    }
    List<FeatureVector> out = new ArrayList<>();
    long grid = Math.floorDiv(fromMs, step) * step;
    for (; grid < toMs; grid += step) {
      for (int i = 0; i < series.size(); i++) {
        RawSeries s = series.get(i);
        while (next[i] < s.size()
            && s.timestampsMs()[next[i]] <= grid
            && s.timestampsMs()[next[i]] < toMs) {
          MetricSample m = s.sample(next[i]++);
          if (ex == null) {
            ex =
                new ComponentFeatureExtractor(
                    cfg, ComponentKeys.componentOf(m, cfg), ComponentKeys.componentLabels(m, cfg));
          }
          ex.offer(m);
        }
      }
      if (ex != null) {
        out.addAll(ex.advanceTo(grid));
      }
    }
    if (ex != null) {
      out.addAll(ex.advanceTo(grid - step + cfg.allowedLatenessMs()));
    }
    return out;
  }
}
