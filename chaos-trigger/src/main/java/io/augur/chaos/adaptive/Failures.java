package io.augur.chaos.adaptive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.augur.domain.Checks;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads detected failures from what Augur emits: an Augur alert JSON line (a {@code FailureAlert}
 * as the streaming job's JSON sinks write it), an Alertmanager webhook payload ({@code {"alerts":
 * [...]}}, firing alerts only), or a recovery test's JSON report ({@code RecoveryResult}, when it
 * did not pass).
 *
 * <p>The failure type is the alert's predicted failure mode ({@code prediction.failureMode}, else
 * the {@code failure_mode} label, else the alert name); the service the {@code component} label
 * (else {@code service}, {@code deployment}, {@code job}); the namespace the {@code namespace}
 * label or {@code defaultNamespace}; a service is critical when it is in {@code criticalServices}
 * or the alert carries {@code criticality=critical} or {@code tier=critical}.
 */
public final class Failures {
  private Failures() {}

  /**
   * @param where names the input in error messages, e.g. {@code alerts.jsonl line 3}
   * @throws IllegalArgumentException naming {@code where} and what is missing
   */
  public static List<Failure> parse(
      String json,
      String where,
      String defaultNamespace,
      Set<String> criticalServices,
      long nowMs) {
    Checks.nonNull("json", json);
    JsonNode n;
    try {
      n = EffectivenessLog.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(where + ": expected a JSON object");
    }
    List<Failure> out = new ArrayList<>();
    if (n.has("alerts")) {
      JsonNode alerts = n.get("alerts");
      if (!alerts.isArray()) {
        throw new IllegalArgumentException(where + ": \"alerts\" must be a list");
      }
      for (int i = 0; i < alerts.size(); i++) {
        JsonNode a = alerts.get(i);
        if (!"resolved".equalsIgnoreCase(a.path("status").asText())) {
          out.add(
              alert(a, where + " alerts[" + i + "]", defaultNamespace, criticalServices, nowMs));
        }
      }
      return out;
    }
    if (n.has("alertName") || n.has("labels")) {
      if (!"RESOLVED".equalsIgnoreCase(n.path("state").asText())) {
        out.add(alert(n, where, defaultNamespace, criticalServices, nowMs));
      }
      return out;
    }
    if (n.has("test") && n.has("status")) {
      if ("PASSED".equals(n.get("status").asText())) {
        return out;
      }
      String service = text(n, "service");
      String fault = text(n, "fault");
      if (service == null || fault == null) {
        throw new IllegalArgumentException(
            where + ": a recovery result needs \"service\" and \"fault\"");
      }
      String id = text(n, "planId") != null ? text(n, "planId") : n.get("test").asText();
      long at = n.path("endedAtMs").canConvertToLong() ? n.get("endedAtMs").asLong() : nowMs;
      out.add(
          new Failure(
              id,
              fault,
              service,
              defaultNamespace,
              criticalServices.contains(service),
              "recovery-validation",
              at));
      return out;
    }
    throw new IllegalArgumentException(
        where
            + ": neither an Augur alert, an Alertmanager webhook payload nor a "
            + "recovery result (no \"alertName\", \"labels\", \"alerts\" or \"test\")");
  }

  private static Failure alert(
      JsonNode a, String where, String ns, Set<String> critical, long nowMs) {
    JsonNode labels = a.path("labels");
    String service =
        first(
            text(a, "component"),
            text(labels, "component"),
            text(labels, "service"),
            text(labels, "deployment"),
            text(labels, "job"));
    if (service == null) {
      throw new IllegalArgumentException(
          where
              + ": the alert names no service (no component, service, deployment "
              + "or job label)");
    }
    String type =
        first(
            text(a.path("prediction"), "failureMode"),
            text(labels, "failure_mode"),
            text(labels, "failureMode"),
            text(a, "alertName"),
            text(labels, "alertname"));
    if (type == null) {
      throw new IllegalArgumentException(
          where
              + ": the alert names no failure type (no prediction.failureMode, "
              + "failure_mode label or alertname)");
    }
    String namespace = first(text(labels, "namespace"), ns);
    boolean crit =
        critical.contains(service)
            || "critical".equalsIgnoreCase(text(labels, "criticality"))
            || "critical".equalsIgnoreCase(text(labels, "tier"));
    long at = nowMs;
    if (a.path("startsAtMs").canConvertToLong()) {
      at = a.get("startsAtMs").asLong();
    } else if (text(a, "startsAt") != null) {
      try {
        at = Instant.parse(text(a, "startsAt")).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            where + ": startsAt is not an RFC 3339 time: " + text(a, "startsAt"));
      }
    }
    String id = first(text(a, "fingerprint"), type + "-" + service + "-" + at);
    return new Failure(id, type, service, namespace, crit, "alert", Math.max(0, at));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  private static String first(String... s) {
    for (String x : s) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }
}
