package io.augur.chaos.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.chaos.loop.LabelledWindow.Label;
import io.augur.domain.ExperimentOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelLogTest {
  static LabelledWindow verdict(String id, Label label, String type) {
    return new LabelledWindow("shop/a:80", 1_000_000, 1_900_000, label, null, "operator", id, type);
  }

  @Test
  void shouldLogAVerdictOnceHoweverOftenItIsGiven(@TempDir Path dir) throws Exception {
    LabelLog log = new LabelLog(dir.resolve("labels.jsonl"));
    assertTrue(
        log.appendOnce(verdict("silence:s1", Label.NORMAL, "false-positive"), "backup spike"));
    assertFalse(
        log.appendOnce(verdict("silence:s1", Label.NORMAL, "false-positive"), "backup spike"),
        "read twice: one verdict");
    assertTrue(log.appendOnce(verdict("silence:s2", Label.NORMAL, "false-positive"), ""));
    assertEquals(2, Files.readAllLines(log.file()).size());
    LabelLog.Contents c = log.read();
    assertEquals("backup spike", c.windows().get(0).note());
    assertEquals(
        verdict("silence:s1", Label.NORMAL, "false-positive"), c.windows().get(0).window());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> log.appendOnce(verdict("silence:s1", Label.FAILURE, "true-positive"), ""));
    assertTrue(
        e.getMessage().startsWith("silence:s1 already has the verdict false-positive (normal) in "),
        e.getMessage());
    assertEquals(2, Files.readAllLines(log.file()).size(), "a refused flip writes nothing");
  }

  @Test
  void shouldShareTheFileWithTheOutcomeLogAndSurviveATornLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("labels.jsonl");
    new OutcomeLog(f)
        .append(
            new ExperimentOutcome(
                "p1",
                "shop/b:80",
                "pod-delete",
                "unknown",
                ExperimentOutcome.Status.FAILED,
                2_000_000,
                2_300_000,
                60_000L,
                true,
                Map.of(),
                ""));
    Files.writeString(
        f, "{\"component\":\"shop/a:80\",\"start", StandardOpenOption.APPEND); // a crash mid-line
    LabelLog log = new LabelLog(f);
    assertTrue(log.appendOnce(verdict("alert:fp@1", Label.NORMAL, "false-positive"), ""));
    LabelLog.Contents c = log.read();
    assertEquals(1, c.outcomes().size());
    assertEquals(1, c.windows().size());
    assertEquals(
        java.util.List.of(2),
        c.skippedLines(),
        "the torn line is skipped, the verdict after it kept");
    assertEquals(
        3,
        c.allWindows(Duration.ofMinutes(5)).size(),
        "the verdict, and the outcome's baseline and fault windows");
    var e =
        assertThrows(IllegalArgumentException.class, () -> new LabelLog(dir.resolve("labels.csv")));
    assertEquals(
        "label log must be a JSON-lines file (.jsonl), got " + dir.resolve("labels.csv"),
        e.getMessage());
  }
}
