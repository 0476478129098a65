package io.augur.training.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.fleet.DemoFleet;
import io.augur.fleet.FleetConfig;
import io.augur.fleet.InjectedFailure;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the demo's alerts said about each labelled failure: the first alert firing in its warning
 * window, the failure mode it named and how far its predicted failure time was off. Reads the
 * demo's {@code alerts.jsonl}; the labels come from the fleet's seed. {@code java -cp ...
 * io.augur.training.demo.DemoAlertQuality augur-out/demo/alerts.jsonl [seed=42]}.
 */
public final class DemoAlertQuality {

  /**
   * One firing alert: component, when it started, the mode it named, the failure time it predicted.
   */
  public record Firing(String component, long startsAtMs, String mode, long predictedFailureMs) {}

  /** Per labelled failure, its first firing in the warning window (null: missed). */
  public record Row(InjectedFailure failure, Firing first) {
    public boolean modeRight() {
      return first != null && first.mode().equals(failure.mode().id());
    }

    /** Predicted minus actual failure time, ms (null when missed). */
    public Long timeErrorMs() {
      return first == null ? null : first.predictedFailureMs() - failure.failureMs();
    }
  }

  private DemoAlertQuality() {}

  public static List<Row> rows(List<InjectedFailure> failures, List<Firing> firings) {
    List<Row> out = new ArrayList<>();
    for (InjectedFailure f : failures) {
      Firing first =
          firings.stream()
              .filter(a -> a.component().equals(f.component()) && f.inWarningWindow(a.startsAtMs()))
              .min(Comparator.comparingLong(Firing::startsAtMs))
              .orElse(null);
      out.add(new Row(f, first));
    }
    return out;
  }

  /** The FIRING lines of an alerts.jsonl file. */
  public static List<Firing> read(Path alertsJsonl) throws IOException {
    List<Firing> out = new ArrayList<>();
    for (String line : Files.readAllLines(alertsJsonl)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = Wire.RECORDS.readTree(line);
      if ("FIRING".equals(n.path("state").asText())) {
        JsonNode p = n.path("prediction");
        out.add(
            new Firing(
                n.path("component").asText(),
                n.path("startsAtMs").asLong(),
                p.path("failureMode").asText(),
                p.path("predictedFailureTimeMs").asLong()));
      }
    }
    return out;
  }

  public static String describe(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    List<Long> errors = new ArrayList<>();
    int right = 0;
    for (Row r : rows) {
      InjectedFailure f = r.failure();
      if (r.first() == null) {
        sb.append(
            String.format(Locale.ROOT, "  %-28s %-28s missed%n", f.mode().id(), f.component()));
        continue;
      }
      right += r.modeRight() ? 1 : 0;
      errors.add(Math.abs(r.timeErrorMs()));
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-28s %-28s named %-28s lead %5.1f min, failure time %+6.1f min off%n",
              f.mode().id(),
              f.component(),
              r.first().mode(),
              (f.failureMs() - r.first().startsAtMs()) / 60_000.0,
              r.timeErrorMs() / 60_000.0));
    }
    errors.sort(Comparator.naturalOrder());
    sb.append(
        String.format(
            Locale.ROOT,
            "  mode right for %d of %d failures; |failure time error| median %s min%n",
            right,
            rows.size(),
            errors.isEmpty()
                ? "n/a"
                : String.format(Locale.ROOT, "%.1f", errors.get(errors.size() / 2) / 60_000.0)));
    return sb.toString();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: DemoAlertQuality <alerts.jsonl> [seed, default 42]");
      System.exit(2);
    }
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    System.out.print(
        describe(rows(new DemoFleet(FleetConfig.demo(seed)).failures(), read(Path.of(args[0])))));
  }
}
