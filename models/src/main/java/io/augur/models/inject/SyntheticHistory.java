package io.augur.models.inject;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded normal history: per feature a typical level fixed by the schema (each component within
 * +-5% of it), a slow seasonal wave of up to 5% and AR(1) noise of 2-4%, all seeded; like
 * engineered features that are comparable across components. Not a fleet simulation (see {@code
 * io.augur.fleet.DemoFleet}); a generic substrate for fault injection in tests and benchmarks.
 */
public final class SyntheticHistory {

  private final FeatureSchema schema;
  private final long seed;

  public SyntheticHistory(FeatureSchema schema, long seed) {
    if (schema == null) {
      throw new IllegalArgumentException("schema must not be null");
    }
    this.schema = schema;
    this.seed = seed;
  }

  /** A schema of {@code d} features named {@code f0..f(d-1)}. */
  public static FeatureSchema schema(int d) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      names.add("f" + i);
    }
    return new FeatureSchema("synthetic", 1, names);
  }

  /**
   * {@code steps} vectors of component number {@code index}, {@code stepMs} apart from {@code
   * startMs}.
   */
  public List<FeatureVector> series(int index, int steps, long startMs, long stepMs) {
    SplittableRandom shared =
        new SplittableRandom(schema.hash().hashCode()); // levels belong to the schema, not the seed
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index + 1);
    int d = schema.size();
    double[] level = new double[d];
    double[] amp = new double[d];
    double[] phase = new double[d];
    double[] noise = new double[d];
    double[] ar = new double[d];
    for (int j = 0; j < d; j++) {
      double base =
          10 + 90 * shared.nextDouble(); // a feature's typical level, shared by all components
      level[j] = base * (1 + 0.05 * (2 * r.nextDouble() - 1));
      amp[j] = level[j] * 0.05 * r.nextDouble();
      phase[j] = 2 * Math.PI * r.nextDouble();
      noise[j] = level[j] * (0.02 + 0.02 * r.nextDouble());
    }
    String component = "svc-" + index + "/svc-" + index + ":8080";
    Map<String, String> labels =
        Map.of("job", "svc-" + index, "instance", "svc-" + index + ":8080");
    List<FeatureVector> out = new ArrayList<>(steps);
    for (int t = 0; t < steps; t++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) {
        ar[j] = 0.6 * ar[j] + r.nextGaussian() * noise[j];
        v[j] = level[j] + amp[j] * Math.sin(2 * Math.PI * t / 240.0 + phase[j]) + ar[j];
      }
      out.add(new FeatureVector(component, labels, startMs + t * stepMs, schema, v));
    }
    return out;
  }
}
