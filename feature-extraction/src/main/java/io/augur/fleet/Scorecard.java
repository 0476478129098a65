package io.augur.fleet;

import io.augur.domain.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How well a run of alerts matches the labelled failures of a fleet.
 *
 * <p>A failure is <b>caught</b> when its component's alert starts firing inside its warning window
 * [onset, failure]; its <b>lead time</b> is the failure time minus that first firing. An alert that
 * starts firing outside every incident of its component (onset to recovery) is <b>false</b>. Alerts
 * that start between failure and recovery are neither: the outage is already visible.
 */
public record Scorecard(
    int failures,
    int caught,
    int missed,
    int falseAlerts,
    Map<Severity, Integer> alertsBySeverity,
    Long medianLeadMs,
    List<Outcome> outcomes) {

  /** One firing of an alert: where, when and how severe. */
  public record Firing(String component, long timeMs, Severity severity) {}

  /** What happened to one labelled failure. */
  public record Outcome(InjectedFailure failure, boolean caught, Long leadMs) {}

  public static Scorecard of(List<InjectedFailure> labelled, List<Firing> firings) {
    List<Outcome> outcomes = new ArrayList<>();
    List<Long> leads = new ArrayList<>();
    for (InjectedFailure f : labelled) {
      Long first =
          firings.stream()
              .filter(a -> a.component().equals(f.component()) && f.inWarningWindow(a.timeMs()))
              .map(Firing::timeMs)
              .min(Comparator.naturalOrder())
              .orElse(null);
      Long lead = first == null ? null : f.failureMs() - first;
      if (lead != null) {
        leads.add(lead);
      }
      outcomes.add(new Outcome(f, first != null, lead));
    }
    int falseAlerts = 0;
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Firing a : firings) {
      bySeverity.merge(a.severity(), 1, Integer::sum);
      boolean explained =
          labelled.stream()
              .anyMatch(f -> f.component().equals(a.component()) && f.inIncident(a.timeMs()));
      if (!explained) {
        falseAlerts++;
      }
    }
    leads.sort(Comparator.naturalOrder());
    Long median =
        leads.isEmpty()
            ? null
            : leads.size() % 2 == 1
                ? leads.get(leads.size() / 2)
                : (leads.get(leads.size() / 2 - 1) + leads.get(leads.size() / 2)) / 2;
    int caught = leads.size();
    return new Scorecard(
        labelled.size(),
        caught,
        labelled.size() - caught,
        falseAlerts,
        Map.copyOf(bySeverity),
        median,
        List.copyOf(outcomes));
  }

  public String medianLead() {
    return medianLeadMs == null ? "n/a" : formatDuration(medianLeadMs);
  }

  public static String formatDuration(long ms) {
    long s = ms / 1000;
    return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
  }
}
