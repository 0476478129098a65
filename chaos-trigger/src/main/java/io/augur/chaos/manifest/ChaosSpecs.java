package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;

/**
 * The spec of a Chaos Mesh chaos object for one catalogue entry, one selection and one rollout
 * step.
 */
final class ChaosSpecs {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ChaosSpecs() {}

  /**
   * The spec; {@code duration} (Go syntax, e.g. "30s") is omitted when null (Workflow steps use
   * deadlines).
   */
  static ObjectNode spec(ExperimentType type, Selection sel, RolloutStep step, String duration) {
    ObjectNode s = F.objectNode();
    switch (type) {
      case POD_KILL ->
          s.put("action", "pod-kill")
              .put("gracePeriod", Integer.parseInt(type.param("gracePeriod")));
      case POD_FAILURE, NODE_FAILURE -> s.put("action", "pod-failure");
      case NETWORK_PARTITION -> {
        s.put("action", "partition").put("direction", type.param("direction"));
        ObjectNode target = s.putObject("target").put("mode", "all");
        ObjectNode ts = target.putObject("selector");
        ts.putArray("namespaces").add(sel.namespace());
        ArrayNode expr = ts.putArray("expressionSelectors");
        sel.sortedLabels()
            .forEach(
                (k, v) -> {
                  ObjectNode e = expr.addObject().put("key", k).put("operator", "NotIn");
                  e.putArray("values").add(v);
                });
      }
      case MEMORY_STRESS ->
          s.putObject("stressors")
              .putObject("memory")
              .put("workers", Integer.parseInt(type.param("workers")))
              .put("size", type.param("size"));
      case CPU_SPIKE ->
          s.putObject("stressors")
              .putObject("cpu")
              .put("workers", Integer.parseInt(type.param("workers")))
              .put("load", Integer.parseInt(type.param("load")));
      case DEPENDENCY_FAILURE ->
          s.put("target", type.param("target"))
              .put("port", Integer.parseInt(type.param("port")))
              .put("path", type.param("path"))
              .put("abort", true);
      case AUTH_FAILURE -> {
        s.put("target", type.param("target"))
            .put("port", Integer.parseInt(type.param("port")))
            .put("path", type.param("path"));
        s.putObject("replace").put("code", Integer.parseInt(type.param("code")));
      }
      case DNS_FAILURE -> {
        s.put("action", "error");
        s.putArray("patterns").add(type.param("patterns"));
      }
      case DATA_CORRUPTION -> {
        s.put("action", "mistake")
            .put("volumePath", type.param("volumePath"))
            .put("path", type.param("path"))
            .put("percent", Integer.parseInt(type.param("percent")));
        s.putObject("mistake")
            .put("filling", type.param("filling"))
            .put("maxOccurrences", Integer.parseInt(type.param("maxOccurrences")))
            .put("maxLength", Integer.parseInt(type.param("maxLength")));
      }
      case DISK_FAULT ->
          s.put("action", "fault")
              .put("volumePath", type.param("volumePath"))
              .put("path", type.param("path"))
              .put("errno", Integer.parseInt(type.param("errno")))
              .put("percent", Integer.parseInt(type.param("percent")));
      case REPLICATION_LAG, LATENCY_INJECTION -> {
        s.put("action", "delay").put("direction", type.param("direction"));
        s.putObject("delay")
            .put("latency", type.param("latency"))
            .put("jitter", type.param("jitter"))
            .put("correlation", "25");
      }
      case BANDWIDTH_LIMIT -> {
        s.put("action", "bandwidth").put("direction", "to");
        s.putObject("bandwidth")
            .put("rate", type.param("rate"))
            .put("limit", Integer.parseInt(type.param("limit")))
            .put("buffer", Integer.parseInt(type.param("buffer")));
      }
      case CERTIFICATE_EXPIRY -> {
        s.put("timeOffset", type.param("timeOffset"));
        s.putArray("clockIds").add("CLOCK_REALTIME");
      }
      default -> throw new IllegalStateException("no Chaos Mesh spec for " + type);
    }
    if ("fixed-percent".equals(step.mode())) {
      // the percentage was turned into a pod count against the pods we know of; "fixed" keeps the
      // count even if the service has more pods than we were told, so the blast radius cannot grow
      s.put("mode", "fixed").put("value", Integer.toString(step.podsHit()));
    } else {
      s.put("mode", step.mode());
    }
    s.set("selector", selector(type, sel, step));
    if (duration != null) {
      s.put("duration", duration);
    }
    return s;
  }

  /**
   * Namespace and labels always; the predicted pod by name for a one-pod step when it is known
   * (Chaos Mesh then selects exactly that pod); the node for node failures.
   */
  static ObjectNode selector(ExperimentType type, Selection sel, RolloutStep step) {
    ObjectNode selector = F.objectNode();
    selector.putArray("namespaces").add(sel.namespace());
    ObjectNode labels = selector.putObject("labelSelectors");
    sel.sortedLabels().forEach(labels::put);
    if (sel.pod() != null && "one".equals(step.mode())) {
      selector.putObject("pods").putArray(sel.namespace()).add(sel.pod());
    }
    if (type == ExperimentType.NODE_FAILURE && sel.node() != null) {
      selector.putArray("nodes").add(sel.node());
    }
    return selector;
  }

  /** Whole seconds in Go's duration syntax. */
  static String goDuration(long seconds) {
    return seconds + "s";
  }
}
