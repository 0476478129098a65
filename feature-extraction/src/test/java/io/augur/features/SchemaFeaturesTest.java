package io.augur.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augur.domain.FeatureSchema;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaFeaturesTest {

  @Test
  void shouldRecoverTheFeatureConfigOfEverySourcesSchema() {
    for (FeatureConfig cfg :
        List.of(
            FeatureConfig.demoFleet(),
            FeatureConfig.forMetrics(List.of("value")),
            FeatureConfig.forMetrics(List.of("m0", "m1", "m2")).withWindow(600_000, 30_000),
            FeatureConfig.forMetrics(List.of("latency_seconds", "requests_total")))) {
      FeatureConfig back =
          SchemaFeatures.config(FeatureSchemas.of(cfg), List.of("namespace", "pod"));
      assertEquals(FeatureSchemas.of(cfg), FeatureSchemas.of(back));
      assertEquals(cfg.metrics(), back.metrics());
      assertEquals(cfg.counters(), back.counters());
      assertEquals(cfg.stepMs(), back.stepMs());
      assertEquals(List.of("namespace", "pod"), back.componentLabels());
    }
    assertEquals(
        Set.of("requests_total"),
        SchemaFeatures.config(
                FeatureSchemas.of(
                    FeatureConfig.forMetrics(List.of("latency_seconds", "requests_total"))),
                List.of("job", "instance"))
            .counters());
  }

  @Test
  void shouldRefuseASchemaTheFeatureLayerDoesNotCompute() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SchemaFeatures.config(
                    new FeatureSchema("synthetic", 1, List.of("f0", "f1")),
                    List.of("job", "instance")));
    assertEquals("schema name must end in /w<window>s-s<step>s, got \"synthetic\"", e.getMessage());
    FeatureSchema odd =
        new FeatureSchema(
            "augur-component-features/w300s-s15s", 1, List.of("value:last", "value:mean"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SchemaFeatures.config(odd, List.of("job", "instance")));
    assertEquals(
        true, e.getMessage().contains("is not one the feature layer computes"), e.getMessage());
  }
}
