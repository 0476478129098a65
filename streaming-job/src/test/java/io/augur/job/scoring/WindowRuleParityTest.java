package io.augur.job.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.features.FeatureSchemas;
import io.augur.models.ComponentWindow;
import io.augur.models.WindowRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Training and serving cut the same windows: over a component's vectors with random gaps, every
 * full window the job's window operator emits is the window training takes at that vector, and
 * training takes no window the job never shows the models.
 */
class WindowRuleParityTest {
  private static final long STEP = 15_000;
  private static final int STEPS = 8;
  private static final FeatureSchema SCHEMA = FeatureSchemas.demoFleet();

  @Test
  void shouldGiveServingAndTrainingTheSameFullWindows() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    List<FeatureVector> vs = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 600; i++) {
      t += STEP * (r.nextInt(12) == 0 ? 2 + r.nextInt(4) : 1); // a gap of 1-4 steps now and then
      double[] values = new double[SCHEMA.size()];
      values[0] = r.nextDouble();
      vs.add(new FeatureVector("api", Map.of("job", "api"), t, SCHEMA, values));
    }

    var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new WindowHistoryFunction(STEPS, STEP, STEP + 10_000)),
            FeatureVector::component,
            Types.STRING);
    h.open();
    for (FeatureVector v : vs) {
      h.processElement(new StreamRecord<>(v, v.timestampMs()));
    }
    List<ComponentWindow> serving =
        h.extractOutputValues().stream().filter(w -> w.size() == STEPS).toList();
    h.close();

    WindowRule rule = new WindowRule(STEPS, STEP);
    List<ComponentWindow> training = new ArrayList<>();
    for (int end = 1; end <= vs.size(); end++) {
      ComponentWindow w = rule.fullEndingAt(vs, end);
      if (w != null) {
        training.add(w);
      }
    }
    assertTrue(
        training.size() > 100 && training.size() < vs.size() - 100,
        "the gaps leave some but not all vectors with a full window: " + training.size());
    assertEquals(training, serving, "the same full windows, in the same order");
  }
}
