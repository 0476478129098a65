package io.augur.chaos.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.score.ResilienceScore;
import io.augur.chaos.score.ResilienceScorer;
import io.augur.chaos.score.ResilienceTerm;
import io.augur.chaos.score.ScoreConfig;
import io.augur.domain.ExperimentOutcome;
import io.augur.json.Wire;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code augur chaos report}: resilience score per service. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Resilience score per service from Prometheus and recorded outcomes (weights 0.3/0.2/0.2/0.1/0.1/0.1).")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--outcomes", paramLabel = "FILE", description = "outcome log (JSON lines)")
  Path outcomes;

  @Mixin MetricsOptions metrics;

  @Option(
      names = "--service",
      paramLabel = "NAME",
      description = "services to score (default: every service in the outcomes)")
  List<String> services;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      List<ExperimentOutcome> outs = Inputs.outcomes(outcomes, err);
      List<String> names =
          services != null
              ? services
              : List.copyOf(
                  new TreeSet<>(
                      outs.stream().map(x -> ResilienceScorer.serviceOf(x.target())).toList()));
      if (names.isEmpty()) {
        err.println(
            "chaos report: no services (give --service or an --outcomes file with outcomes)");
        return 2;
      }
      ScoreConfig config =
          metrics.source() == null
              ? metrics.config().score().withoutQueries()
              : metrics.config().score();
      ResilienceScorer scorer = new ResilienceScorer(config, metrics.source());
      List<ResilienceScore> scores = names.stream().map(s -> scorer.score(s, outs)).toList();
      if (json) {
        o.println(toJson(scores));
      } else {
        printTable(o, scores);
      }
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("chaos report: " + e.getMessage());
      return 2;
    } finally {
      o.flush();
      err.flush();
    }
  }

  private static void printTable(PrintWriter o, List<ResilienceScore> scores) {
    o.printf("%-20s %6s", "service", "score");
    for (ResilienceTerm t : ResilienceTerm.values()) {
      o.printf(" %14s", abbreviate(t.key()));
    }
    o.println();
    for (ResilienceScore s : scores) {
      o.printf(Locale.ROOT, "%-20s %6.3f", s.service(), s.score());
      for (ResilienceTerm t : ResilienceTerm.values()) {
        Double n = s.normalised().get(t);
        o.printf(Locale.ROOT, " %14s", n == null ? "-" : String.format(Locale.ROOT, "%.3f", n));
      }
      o.println();
    }
    o.println(
        "terms normalised to 0..1 ('-': no data, weight spread over the others); see chaos-trigger/README.md");
  }

  private static String abbreviate(String key) {
    return key.length() > 14 ? key.substring(0, 14) : key;
  }

  private static String toJson(List<ResilienceScore> scores) {
    ObjectMapper m = Wire.REPORTS;
    ArrayNode arr = m.createArrayNode();
    for (ResilienceScore s : scores) {
      ObjectNode n = arr.addObject();
      n.put("service", s.service()).put("score", s.score());
      ObjectNode terms = n.putObject("terms");
      for (ResilienceTerm t : ResilienceTerm.values()) {
        ObjectNode tn = terms.putObject(t.key());
        tn.put("weight", t.weight());
        if (s.raw().containsKey(t)) {
          tn.put("raw", s.raw().get(t))
              .put("normalised", s.normalised().get(t))
              .put("source", s.sources().get(t));
        } else {
          tn.putNull("raw");
        }
      }
    }
    return arr.toPrettyString();
  }
}
