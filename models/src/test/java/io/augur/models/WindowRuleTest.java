package io.augur.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.features.FeatureSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowRuleTest {
  private static final long STEP = 15_000;
  private static final FeatureSchema SCHEMA = FeatureSchemas.demoFleet();
  private static final WindowRule RULE = new WindowRule(3, STEP);

  private static FeatureVector at(long step) {
    return new FeatureVector("a", Map.of(), step * STEP, SCHEMA, new double[SCHEMA.size()]);
  }

  private static List<Long> steps(List<FeatureVector> vs) {
    return vs.stream().map(v -> v.timestampMs() / STEP).toList();
  }

  @Test
  void shouldKeepTheLastStepsDropReplaysAndRestartAfterAGap() {
    List<FeatureVector> h = new ArrayList<>();
    for (long s : new long[] {0, 1, 2, 3}) {
      h = RULE.append(h, at(s));
    }
    assertEquals(List.of(1L, 2L, 3L), steps(h), "at most 3 vectors, oldest dropped");
    assertNull(RULE.append(h, at(3)), "a replayed step emits nothing");
    assertNull(RULE.append(h, at(2)), "an out-of-order step emits nothing");
    assertEquals(List.of(5L), steps(RULE.append(h, at(5))), "a missing step starts afresh");
  }

  @Test
  void shouldTakeOnlyFullWindowsOfConsecutiveSteps() {
    List<FeatureVector> vs = List.of(at(0), at(1), at(2), at(4), at(5), at(6));
    assertNull(RULE.fullEndingAt(vs, 2), "fewer than 3 vectors");
    assertEquals(List.of(0L, 1L, 2L), steps(RULE.fullEndingAt(vs, 3).recent()));
    assertNull(RULE.fullEndingAt(vs, 4), "spans the missing step 3");
    assertNull(RULE.fullEndingAt(vs, 5), "spans the missing step 3");
    assertEquals(List.of(4L, 5L, 6L), steps(RULE.fullEndingAt(vs, 6).recent()));
    assertThrows(IllegalArgumentException.class, () -> new WindowRule(0, STEP));
  }
}
