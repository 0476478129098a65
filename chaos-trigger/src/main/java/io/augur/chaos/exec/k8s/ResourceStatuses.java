package io.augur.chaos.exec.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.exec.FaultStatus;
import io.augur.chaos.exec.FaultStatus.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a created resource's {@code .status} says, as a {@link FaultStatus}:
 *
 * <ul>
 *   <li>Chaos Mesh chaos: condition {@code Paused=True} is PENDING (not in effect); {@code
 *       AllRecovered=True} with {@code experiment.desiredPhase=Stop} is ENDED; a container record
 *       whose last event is {@code Failed} is FAILED; {@code AllInjected=True} is ACTIVE; otherwise
 *       (no status yet, not yet selected or injected) PENDING.
 *   <li>Workflow: {@code Accomplished=True} is ENDED, {@code Aborted=True} FAILED (aborted by a
 *       status check: the target failed the Workflow's health check), {@code Scheduled=True}
 *       ACTIVE, otherwise PENDING.
 *   <li>Litmus ChaosEngine: {@code engineStatus} {@code completed} or {@code stopped} is ENDED, an
 *       experiment with verdict {@code Error} FAILED, {@code initialized} ACTIVE, otherwise
 *       PENDING.
 * </ul>
 */
final class ResourceStatuses {
  private ResourceStatuses() {}

  static FaultStatus of(ChaosResourceKind kind, JsonNode resource, ResourceRef ref) {
    JsonNode status = resource.path("status");
    if (!resource.path("metadata").path("deletionTimestamp").asText("").isEmpty()) {
      return new FaultStatus(
          State.PENDING,
          ref
              + " is being deleted (finalizers "
              + resource.path("metadata").path("finalizers")
              + ")");
    }
    return switch (kind) {
      case WORKFLOW -> workflow(status, ref);
      case CHAOS_ENGINE -> litmus(status, ref);
      default -> chaos(status, ref);
    };
  }

  private static FaultStatus chaos(JsonNode status, ResourceRef ref) {
    String desired = status.path("experiment").path("desiredPhase").asText("");
    String conditions = summary(status.path("conditions"));
    String detail =
        ref + " [" + conditions + (desired.isEmpty() ? "" : "; desiredPhase=" + desired) + "]";
    if (isTrue(status, "Paused")) {
      return new FaultStatus(State.PENDING, "paused: " + detail);
    }
    if (isTrue(status, "AllRecovered") && "Stop".equals(desired)) {
      return new FaultStatus(State.ENDED, "recovered: " + detail);
    }
    String failure = lastFailure(status);
    if (failure != null) {
      return new FaultStatus(State.FAILED, failure + ": " + detail);
    }
    if (isTrue(status, "AllInjected")) {
      return new FaultStatus(State.ACTIVE, "injected: " + detail);
    }
    return new FaultStatus(State.PENDING, "not yet injected: " + detail);
  }

  private static FaultStatus workflow(JsonNode status, ResourceRef ref) {
    String detail = ref + " [" + summary(status.path("conditions")) + "]";
    if (isTrue(status, "Accomplished")) {
      return new FaultStatus(State.ENDED, "accomplished: " + detail);
    }
    if (isTrue(status, "Aborted")) {
      // the Workflow's own health check failed: a failure of the target, which the engine aborts on
      return new FaultStatus(State.FAILED, "aborted by a status check: " + detail);
    }
    if (isTrue(status, "Scheduled")) {
      return new FaultStatus(State.ACTIVE, "running: " + detail);
    }
    return new FaultStatus(State.PENDING, "not yet scheduled: " + detail);
  }

  private static FaultStatus litmus(JsonNode status, ResourceRef ref) {
    String engine = status.path("engineStatus").asText("").toLowerCase(Locale.ROOT);
    List<String> experiments = new ArrayList<>();
    String error = null;
    for (JsonNode e : status.path("experiments")) {
      experiments.add(
          e.path("name").asText("?")
              + "="
              + e.path("status").asText("?")
              + "/"
              + e.path("verdict").asText("?"));
      if ("error".equalsIgnoreCase(e.path("verdict").asText())) {
        error = "experiment " + e.path("name").asText("?") + " errored";
      }
    }
    String detail =
        ref + " [engineStatus=" + (engine.isEmpty() ? "none" : engine) + "; " + experiments + "]";
    if (engine.equals("completed") || engine.equals("stopped")) {
      return new FaultStatus(State.ENDED, engine + ": " + detail);
    }
    if (error != null) {
      return new FaultStatus(State.FAILED, error + ": " + detail);
    }
    if (engine.equals("initialized")) {
      return new FaultStatus(State.ACTIVE, "running: " + detail);
    }
    return new FaultStatus(State.PENDING, "not yet initialized: " + detail);
  }

  private static boolean isTrue(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())
          && "True".equalsIgnoreCase(c.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  /** The message of the first container record whose latest event is a failure, or null. */
  private static String lastFailure(JsonNode status) {
    for (JsonNode r : status.path("experiment").path("containerRecords")) {
      JsonNode events = r.path("events");
      if (events.isArray() && !events.isEmpty()) {
        JsonNode last = events.get(events.size() - 1);
        if ("Failed".equals(last.path("type").asText())) {
          return last.path("operation").asText("?")
              + " failed on "
              + r.path("id").asText("?")
              + " ("
              + last.path("message").asText("")
              + ")";
        }
      }
    }
    return null;
  }

  private static String summary(JsonNode conditions) {
    List<String> s = new ArrayList<>();
    for (JsonNode c : conditions) {
      s.add(c.path("type").asText("?") + "=" + c.path("status").asText("?"));
    }
    return s.isEmpty() ? "no conditions" : String.join(",", s);
  }
}
