package io.augur.chaos.requirements;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check's result, and a plain-text rendering for people and CI logs. */
public record ValidationReport(List<CheckResult> results) {
  public ValidationReport {
    results = List.copyOf(results);
  }

  public List<CheckResult> violations() {
    return results.stream().filter(r -> r.verdict() == CheckResult.Verdict.FAIL).toList();
  }

  public boolean hasViolations() {
    return !violations().isEmpty();
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    Map<String, List<CheckResult>> byReq = new LinkedHashMap<>();
    results.forEach(
        r ->
            byReq
                .computeIfAbsent(
                    r.requirement() + " (" + r.component() + ")", k -> new java.util.ArrayList<>())
                .add(r));
    byReq.forEach(
        (req, rs) -> {
          boolean failed = rs.stream().anyMatch(r -> r.verdict() == CheckResult.Verdict.FAIL);
          sb.append(failed ? "VIOLATED " : "OK       ").append(req).append('\n');
          for (CheckResult r : rs) {
            sb.append(String.format("  %-7s %-24s %s%n", r.verdict(), r.check(), r.detail()));
          }
        });
    long fail = violations().size();
    long unknown = results.stream().filter(r -> r.verdict() == CheckResult.Verdict.UNKNOWN).count();
    sb.append(
        String.format(
            "%d checks: %d passed, %d violated, %d unknown%n",
            results.size(), results.size() - fail - unknown, fail, unknown));
    return sb.toString();
  }
}
