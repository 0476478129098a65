package io.augur.chaos.cli;

import io.augur.chaos.requirements.RequirementsFile;
import io.augur.chaos.requirements.RequirementsValidator;
import io.augur.chaos.requirements.ResilienceRequirement;
import io.augur.chaos.requirements.ValidationReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code augur chaos validate}: check resilience requirements; exit 1 on a violation with
 * --fail-on-violation.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Check resilience requirements (YAML) against experiment outcomes and Prometheus.")
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--requirements",
      required = true,
      paramLabel = "FILE",
      description = "requirements YAML")
  Path requirements;

  @Option(names = "--outcomes", paramLabel = "FILE", description = "outcome log (JSON lines)")
  Path outcomes;

  @Mixin MetricsOptions metrics;

  @Option(
      names = "--fail-on-violation",
      description = "exit 1 when any requirement is violated (for CI/CD)")
  boolean failOnViolation;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<ResilienceRequirement> reqs = RequirementsFile.read(requirements);
      ValidationReport report =
          new RequirementsValidator(
                  metrics.source(),
                  metrics.config().availabilityQuery(),
                  metrics.config().latencyQuery())
              .validate(reqs, Inputs.outcomes(outcomes, err));
      o.print(report.render());
      if (report.hasViolations() && failOnViolation) {
        err.println("chaos validate: " + report.violations().size() + " violation(s)");
        return 1;
      }
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("chaos validate: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }
}
