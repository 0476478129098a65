package io.augur.job.features;

import io.augur.domain.MetricSample;
import io.augur.features.ComponentKeys;
import io.augur.features.FeatureConfig;
import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Keys samples by component id ({@link ComponentKeys#componentOf}), e.g. {@code
 * checkout/checkout-0:8080}.
 */
public final class ComponentKeySelector implements KeySelector<MetricSample, String> {
  private static final long serialVersionUID = 1L;

  private final FeatureConfig cfg;

  public ComponentKeySelector(FeatureConfig cfg) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
  }

  @Override
  public String getKey(MetricSample s) {
    return ComponentKeys.componentOf(s, cfg);
  }
}
