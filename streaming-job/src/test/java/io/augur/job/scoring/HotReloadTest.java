package io.augur.job.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.AlertPolicy;
import io.augur.domain.DeadLetter;
import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.job.reload.ModelAnnouncement;
import io.augur.job.reload.ModelControl;
import io.augur.models.ComponentWindow;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new bundle is swapped in without a restart; a bad one is refused and the current model kept; a
 * restore keeps the swap.
 */
class HotReloadTest {
  private static final Path GOLDEN =
      Path.of(System.getProperty("augur.repo.root", ".."))
          .resolve("models/src/test/resources/golden-bundle-v1");

  @TempDir static Path tmp;
  static Path withoutLstm;
  static Path corrupt;
  static FeatureSchema schema;
  static int steps;

  @BeforeAll
  static void bundles() throws Exception {
    Ensemble golden = ModelBundle.load(GOLDEN);
    schema = golden.schema();
    steps = golden.windowSteps();
    withoutLstm = tmp.resolve("without-lstm");
    ModelBundle.save(golden.without("lstm"), withoutLstm, Clock.systemUTC());
    corrupt = tmp.resolve("corrupt");
    Files.createDirectories(corrupt);
    try (Stream<Path> files = Files.list(GOLDEN)) {
      for (Path f : files.toList()) {
        Files.copy(f, corrupt.resolve(f.getFileName()));
      }
    }
    Path victim =
        corrupt.resolve(
            ModelBundle.manifest(corrupt).models().keySet().iterator().next() + ".json");
    if (!Files.exists(victim)) {
      try (Stream<Path> files = Files.list(corrupt)) {
        victim =
            files
                .filter(p -> !p.getFileName().toString().equals(ModelBundle.MANIFEST))
                .findFirst()
                .orElseThrow();
      }
    }
    byte[] bytes = Files.readAllBytes(victim);
    Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated
  }

  @Test
  void shouldSwapToAGoodBundleRefuseABadOneAndKeepTheSwapAcrossARestore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.open();
      h.processElement1(new StreamRecord<>(window(1, 0)));
      h.processWatermark1(new Watermark(steps * 15_000L));
      assertTrue(
          lastPrediction(h).modelParts().containsKey("lstm"), "starts with the configured bundle");

      h.processElement2(
          new StreamRecord<>(
              ModelControl.announce(new ModelAnnouncement(withoutLstm.toString(), "", 1))));
      h.processElement1(new StreamRecord<>(window(2, 1)));
      h.processWatermark1(new Watermark((steps + 1) * 15_000L));
      assertFalse(
          lastPrediction(h).modelParts().containsKey("lstm"),
          "scores with the announced bundle, no restart");

      h.processElement2(
          new StreamRecord<>(
              ModelControl.announce(new ModelAnnouncement(corrupt.toString(), "", 2))));
      h.processElement1(new StreamRecord<>(window(3, 2)));
      h.processWatermark1(new Watermark((steps + 2) * 15_000L));
      assertFalse(
          lastPrediction(h).modelParts().containsKey("lstm"),
          "a refused bundle leaves the current model");
      List<DeadLetter> refused = new ArrayList<>();
      h.getSideOutput(BatchScoringOperator.MODEL_REFUSALS).forEach(r -> refused.add(r.getValue()));
      assertEquals(1, refused.size());
      assertTrue(refused.get(0).message().contains(corrupt.toString()), refused.get(0).message());
      snapshot = h.snapshot(1, 10);
    }
    try (var restored = harness()) {
      restored.initializeState(snapshot);
      restored.open();
      restored.processElement1(new StreamRecord<>(window(4, 3)));
      restored.processWatermark1(new Watermark((steps + 3) * 15_000L));
      assertFalse(
          lastPrediction(restored).modelParts().containsKey("lstm"),
          "a restored job keeps the swapped model");
    }
  }

  private static TwoInputStreamOperatorTestHarness<ComponentWindow, ModelControl, FailurePrediction>
      harness() throws Exception {
    return new TwoInputStreamOperatorTestHarness<>(
        new BatchScoringOperator(GOLDEN.toString(), schema, AlertPolicy.defaults(), 64));
  }

  private static FailurePrediction lastPrediction(
      TwoInputStreamOperatorTestHarness<ComponentWindow, ModelControl, FailurePrediction> h) {
    List<FailurePrediction> out = h.extractOutputValues();
    assertFalse(out.isEmpty(), "no prediction came out");
    return out.get(out.size() - 1);
  }

  /** A window of random vectors of the golden schema, ending at step {@code steps - 1 + shift}. */
  private static ComponentWindow window(long seed, int shift) {
    SplittableRandom r = new SplittableRandom(seed);
    List<FeatureVector> recent = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      double[] v = new double[schema.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = r.nextGaussian();
      }
      recent.add(
          new FeatureVector("svc/a", Map.of("job", "svc"), (i + shift) * 15_000L, schema, v));
    }
    return ComponentWindow.of(recent);
  }
}
