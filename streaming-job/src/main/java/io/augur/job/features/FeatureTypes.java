package io.augur.job.features;

import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.SeriesWindow;
import io.augur.job.types.ExplicitTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Explicit type information for the feature path; use these instead of reflection-derived types.
 */
public final class FeatureTypes {
  private FeatureTypes() {}

  public static final TypeInformation<MetricSample> METRIC_SAMPLE =
      new ExplicitTypeInfo<>(MetricSample.class, MetricSampleSerializer.INSTANCE);

  public static final TypeInformation<FeatureVector> FEATURE_VECTOR =
      new ExplicitTypeInfo<>(FeatureVector.class, FeatureVectorSerializer.INSTANCE);

  public static final TypeInformation<ComponentFeatureExtractor> EXTRACTOR_STATE =
      new ExplicitTypeInfo<>(ComponentFeatureExtractor.class, ExtractorStateSerializer.INSTANCE);

  public static final TypeInformation<SeriesWindow> SERIES_WINDOW =
      new ExplicitTypeInfo<>(SeriesWindow.class, SeriesWindowSerializer.INSTANCE);
}
