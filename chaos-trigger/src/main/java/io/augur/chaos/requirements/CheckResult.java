package io.augur.chaos.requirements;

import io.augur.domain.Checks;

/** One check of one requirement: PASS, FAIL (a violation) or UNKNOWN (no data to judge). */
public record CheckResult(
    String requirement, String component, String check, Verdict verdict, String detail) {
  public enum Verdict {
    PASS,
    FAIL,
    UNKNOWN
  }

  public CheckResult {
    Checks.nonBlank("requirement", requirement);
    Checks.nonBlank("check", check);
    Checks.nonNull("verdict", verdict);
    detail = detail == null ? "" : detail;
  }
}
