package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code augur feedback}'s bad input: one line naming what is wrong, exit 2, nothing logged. */
class FeedbackCommandTest {
  record Run(int code, String err) {}

  static Run feedback(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = Augur.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    String[] all = new String[args.length + 1];
    all[0] = "feedback";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Run(cl.execute(all), err.toString().trim());
  }

  @Test
  void shouldNameAnUnknownVerdictAndTheMissingPieces(@TempDir Path dir) {
    String log = dir.resolve("labels.jsonl").toString();
    // port 9 (discard) is never asked: the verdict is checked first
    Run r =
        feedback(
            "abc123",
            "--verdict",
            "wrong",
            "--labels",
            log,
            "--alertmanager",
            "http://127.0.0.1:9");
    assertEquals(
        new Run(
            2,
            "augur feedback: --verdict must be one of [false-positive, true-positive], got \"wrong\""),
        r);
    r = feedback("abc123", "--labels", log, "--alertmanager", "http://127.0.0.1:9");
    assertEquals(
        new Run(
            2,
            "augur feedback: --verdict must be one of [false-positive, true-positive], got nothing"),
        r);
    r = feedback("--verdict", "false-positive", "--labels", log);
    assertEquals(
        new Run(
            2,
            "augur feedback: give ALERT_ID with --verdict false-positive|true-positive, or --from-silences"),
        r);
    r = feedback("abc123", "--from-silences", "--labels", log);
    assertEquals(
        new Run(
            2,
            "augur feedback: --from-silences reads the verdicts from Alertmanager: give no ALERT_ID or --verdict with it"),
        r);
    r =
        feedback(
            "abc123",
            "--verdict",
            "true-positive",
            "--labels",
            dir.resolve("labels.csv").toString());
    assertEquals(
        new Run(
            2,
            "augur feedback: label log must be a JSON-lines file (.jsonl), got "
                + dir.resolve("labels.csv")),
        r);
    r =
        feedback(
            "abc123",
            "--verdict",
            "true-positive",
            "--labels",
            log,
            "--alertmanager",
            "localhost:9093");
    assertEquals(
        new Run(2, "augur feedback: --alertmanager must be an http(s) URL, got localhost:9093"), r);
    assertFalse(Files.exists(dir.resolve("labels.jsonl")), "nothing logged");
  }
}
