package io.augur.training.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.fleet.FailureMode;
import io.augur.fleet.InjectedFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("statistical")
class DemoAlertQualityTest {

  static final InjectedFailure LEAK =
      new InjectedFailure("a/a-0:8080", FailureMode.MEMORY_LEAK, 1_000_000, 4_000_000, 5_000_000);
  static final InjectedFailure DISK =
      new InjectedFailure("b/b-0:8080", FailureMode.DISK_FILL, 1_000_000, 4_000_000, 5_000_000);

  @Test
  void shouldJudgeTheFirstFiringInTheWarningWindow(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("alerts.jsonl");
    Files.writeString(
        f,
        String.join(
            "\n",
            "{\"component\":\"a/a-0:8080\",\"state\":\"FIRING\",\"startsAtMs\":3000000,"
                + "\"prediction\":{\"failureMode\":\"cpu-saturation\",\"predictedFailureTimeMs\":3500000}}",
            "{\"component\":\"a/a-0:8080\",\"state\":\"FIRING\",\"startsAtMs\":2000000,"
                + "\"prediction\":{\"failureMode\":\"memory-leak\",\"predictedFailureTimeMs\":3800000}}",
            "{\"component\":\"a/a-0:8080\",\"state\":\"RESOLVED\",\"startsAtMs\":2000000,"
                + "\"prediction\":{\"failureMode\":\"unknown\",\"predictedFailureTimeMs\":0}}",
            "{\"component\":\"b/b-0:8080\",\"state\":\"FIRING\",\"startsAtMs\":4500000,"
                + "\"prediction\":{\"failureMode\":\"disk-fill\",\"predictedFailureTimeMs\":4500000}}",
            ""));
    List<DemoAlertQuality.Row> rows =
        DemoAlertQuality.rows(List.of(LEAK, DISK), DemoAlertQuality.read(f));
    assertTrue(rows.get(0).modeRight(), "the earliest firing (memory-leak) counts");
    assertEquals(-200_000L, rows.get(0).timeErrorMs());
    assertNull(rows.get(1).first(), "a firing after the failure does not catch it");
    assertFalse(rows.get(1).modeRight());
    assertTrue(DemoAlertQuality.describe(rows).contains("mode right for 1 of 2"));
  }
}
