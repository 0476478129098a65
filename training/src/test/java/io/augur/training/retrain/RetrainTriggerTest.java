package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrainTriggerTest {
  static final long H = 3_600_000;

  @Test
  void shouldRunTheFirstRoundAtOnce() {
    assertEquals(
        Optional.of("first round"),
        new RetrainTrigger(Duration.ofHours(6), 0).due(0, RetrainTrigger.State.NEVER, 0));
  }

  @Test
  void shouldRetrainOnTheScheduleOnly() {
    RetrainTrigger t = new RetrainTrigger(Duration.ofHours(6), 0);
    RetrainTrigger.State last = new RetrainTrigger.State(10 * H, 3);
    assertEquals(Optional.empty(), t.due(16 * H - 1, last, 500), "outcomes do not trigger");
    assertTrue(t.due(16 * H, last, 3).orElseThrow().startsWith("schedule: PT6H since"));
  }

  @Test
  void shouldRetrainWhenEnoughNewOutcomesArrived() {
    RetrainTrigger t = new RetrainTrigger(null, 5);
    RetrainTrigger.State last = new RetrainTrigger.State(10 * H, 3);
    assertEquals(Optional.empty(), t.due(1000 * H, last, 7), "4 new, no schedule");
    assertEquals(Optional.of("5 new outcome(s)/verdict(s) (>= 5)"), t.due(10 * H + 1, last, 8));
    assertEquals(
        Optional.of("6 new outcome(s)/verdict(s) (>= 5)"),
        t.due(10 * H + 1, new RetrainTrigger.State(10 * H, 20), 6),
        "a log shorter than the last count was replaced: all its records are new");
  }

  @Test
  void shouldRetrainOnWhicheverComesFirst() {
    RetrainTrigger t = new RetrainTrigger(Duration.ofHours(6), 5);
    RetrainTrigger.State last = new RetrainTrigger.State(10 * H, 0);
    assertTrue(t.due(11 * H, last, 5).orElseThrow().contains("new outcome"));
    assertTrue(t.due(16 * H, last, 1).orElseThrow().startsWith("schedule"));
    assertEquals(Optional.empty(), t.due(11 * H, last, 4));
  }

  @Test
  void shouldNeedATrigger() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new RetrainTrigger(null, 0))
            .getMessage()
            .contains("--every DURATION and/or --min-new-outcomes N"));
  }

  @Test
  void shouldKeepItsStateAcrossRestarts(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(".retrain").resolve("state.json");
    assertEquals(RetrainTrigger.State.NEVER, RetrainTrigger.State.read(f));
    new RetrainTrigger.State(123, 4).write(f);
    assertEquals(new RetrainTrigger.State(123, 4), RetrainTrigger.State.read(f));
    Files.writeString(f, "{oops");
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> RetrainTrigger.State.read(f))
            .getMessage()
            .startsWith("retrain state " + f + " is unreadable"));
  }
}
