package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.training.sources.TrainingSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's help states the rule and the labels; bad options fail before any training. */
class RetrainCommandTest {
  @TempDir Path dir;

  record Ran(int code, String out) {}

  Ran run(String... args) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    CommandLine cl =
        new CommandLine(
            new RetrainCommand(
                TrainingSources.defaults(),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                EnsembleTrainer.Config.defaults(),
                Clock.systemUTC()));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println(ex.getMessage());
          return 2;
        });
    int code = cl.execute(args);
    return new Ran(code, out + console.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldStateThePublishRuleAndTheLabelsInHelp() {
    String help = run("--help").out().replaceAll("\\s+", " ");
    assertTrue(
        help.contains("published iff AUC-PR(candidate) >= AUC-PR(current) - --tolerance"), help);
    assertTrue(
        help.contains("a PASSED one is a negative for that fault type on that service"), help);
    assertTrue(help.contains("an ABORTED one"), help);
    assertTrue(help.contains("is left out, neither failing nor normal"), help);
  }

  @Test
  void shouldRefuseBadOptionsWithOneLineNamingThem() {
    String w = dir.resolve("m").toString();
    Ran noTrigger = run("--watch-dir", w, "--watch");
    assertEquals(2, noTrigger.code());
    assertTrue(
        noTrigger.out().contains("--watch needs --every DURATION and/or --min-new-outcomes N"),
        noTrigger.out());
    Ran everyAlone = run("--watch-dir", w, "--every", "PT1H");
    assertTrue(
        everyAlone.out().contains("--every, --min-new-outcomes and --rounds need --watch"),
        everyAlone.out());
    assertTrue(
        run("--watch-dir", w, "--unverified-positives", "maybe")
            .out()
            .contains("--unverified-positives must be exclude or include, got maybe"));
    assertTrue(
        run("--watch-dir", w, "--holdout", "1.5")
            .out()
            .contains("--holdout must be within (0, 1)"));
    assertTrue(
        run("--watch-dir", w, "--rollback").out().contains("--rollback needs a previous bundle"));
  }
}
