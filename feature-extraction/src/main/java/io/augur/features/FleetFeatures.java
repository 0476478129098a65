package io.augur.features;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.fleet.DemoFleet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline feature extraction over a whole {@link DemoFleet}, with exactly the code the streaming
 * job runs: samples are offered step by step and the watermark follows the fleet's clock, so the
 * vectors equal what the job emits for in-order input.
 */
public final class FleetFeatures {
  private FleetFeatures() {}

  /**
   * Per component (in the fleet's order), its vectors in time order. A component that is down
   * longer than the series TTL emits nothing meanwhile.
   */
  public static Map<String, List<FeatureVector>> vectors(DemoFleet fleet, FeatureConfig cfg) {
    Map<String, ComponentFeatureExtractor> extractors = new HashMap<>();
    Map<String, List<FeatureVector>> out = new LinkedHashMap<>();
    for (String c : fleet.components()) {
      out.put(c, new ArrayList<>());
    }
    for (long k = 0; k < fleet.steps(); k++) {
      for (MetricSample s : fleet.step(k)) {
        String c = ComponentKeys.componentOf(s, cfg);
        extractors.computeIfAbsent(c, x -> ComponentFeatureExtractor.forSample(s, cfg)).offer(s);
      }
      long watermark = fleet.timeOf(k);
      for (Map.Entry<String, ComponentFeatureExtractor> e : extractors.entrySet()) {
        out.computeIfAbsent(e.getKey(), x -> new ArrayList<>())
            .addAll(e.getValue().advanceTo(watermark));
      }
    }
    long end = fleet.timeOf(fleet.steps() - 1) + cfg.allowedLatenessMs();
    for (Map.Entry<String, ComponentFeatureExtractor> e : extractors.entrySet()) {
      out.get(e.getKey()).addAll(e.getValue().advanceTo(end));
    }
    return out;
  }
}
