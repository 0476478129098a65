package io.augur.chaos.gameday;

import io.augur.chaos.recovery.CommandCheck;
import io.augur.chaos.recovery.Trigger;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chaos.safety.AbortCondition;
import io.augur.domain.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A game day: phases run one after another (in the order preparation, failure-injection, response,
 * recovery; any may be left out), each for its duration. A phase's actions run at their offset from
 * the phase's start, in order; its validations are evaluated every {@code interval} while the phase
 * lasts and each must hold (for its {@code for}) before the phase ends. The abort conditions are
 * evaluated every {@code interval} over the whole scenario; one that fires ends the scenario. Every
 * fault injected is reverted when its {@code until} phase starts (default: when its own phase
 * ends), and in any case when the scenario ends, however it ends.
 *
 * @param keyMetric a PromQL query sampled every interval and drawn in the timeline, or null
 */
public record Scenario(
    String name,
    String description,
    String namespace,
    Notify notifyTo,
    KeyMetric keyMetric,
    Duration interval,
    List<AbortCondition> abortConditions,
    List<Phase> phases) {

  /** The phase names a scenario may use, in the order they run. */
  public static final List<String> PHASES =
      List.of("preparation", "failure-injection", "response", "recovery");

  public Scenario {
    Checks.nonBlank("name", name);
    if (!name.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "name must be a lower-case DNS label (a-z, 0-9, '-'), got \"" + name + "\"");
    }
    description = description == null ? "" : description;
    namespace = namespace == null || namespace.isBlank() ? "local" : namespace;
    Checks.nonNull("interval", interval);
    if (interval.toMillis() <= 0) {
      throw new IllegalArgumentException("interval must be at least 1ms, got " + interval);
    }
    abortConditions = List.copyOf(Checks.noNullElements("abortConditions", abortConditions));
    phases = List.copyOf(Checks.noNullElements("phases", phases));
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("phases must list at least one phase");
    }
    int last = -1;
    Set<String> actionNames = new HashSet<>();
    for (Phase p : phases) {
      int i = PHASES.indexOf(p.name());
      if (i <= last) {
        throw new IllegalArgumentException(
            "phase "
                + p.name()
                + " is out of order or repeated: phases run in the order "
                + PHASES);
      }
      last = i;
      for (Action a : p.actions()) {
        if (!actionNames.add(a.name())) {
          throw new IllegalArgumentException("action name " + a.name() + " is used twice");
        }
        if (a.at().compareTo(p.duration()) > 0) {
          throw new IllegalArgumentException(
              "action "
                  + a.name()
                  + " at "
                  + a.at()
                  + " is after the end of phase "
                  + p.name()
                  + " ("
                  + p.duration()
                  + ")");
        }
        if (a instanceof Inject in && in.until() != null) {
          int u = PHASES.indexOf(in.until());
          if (u <= i || phases.stream().noneMatch(q -> q.name().equals(in.until()))) {
            throw new IllegalArgumentException(
                "action "
                    + a.name()
                    + ": until must name a later phase of this scenario,"
                    + " got \""
                    + in.until()
                    + "\"");
          }
        }
        if (a instanceof Notification && notifyTo == null) {
          throw new IllegalArgumentException(
              "action " + a.name() + " notifies, but the scenario has no notify target");
        }
      }
    }
  }

  /** The scenario's length when nothing aborts it. */
  public Duration duration() {
    return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /**
   * Whom a notify action tells: Alertmanager's /api/v2/alerts, or a webhook receiving a JSON
   * object.
   */
  public record Notify(URI alertmanager, URI webhook) {
    public Notify {
      if ((alertmanager == null) == (webhook == null)) {
        throw new IllegalArgumentException("notify needs exactly one of alertmanager, webhook");
      }
    }
  }

  /** The metric drawn in the timeline. */
  public record KeyMetric(String name, String promql) {
    public KeyMetric {
      Checks.nonBlank("name", name);
      Checks.nonBlank("promql", promql);
    }
  }

  public record Phase(
      String name, Duration duration, List<Action> actions, List<ValidationStep> validations) {
    public Phase {
      Checks.nonBlank("name", name);
      if (!PHASES.contains(name)) {
        throw new IllegalArgumentException(
            "phase name must be one of " + PHASES + ", got \"" + name + "\"");
      }
      Checks.nonNull("duration", duration);
      if (duration.toMillis() <= 0) {
        throw new IllegalArgumentException(
            "duration of phase " + name + " must be at least 1ms, got " + duration);
      }
      actions = List.copyOf(Checks.noNullElements("actions", actions));
      validations = List.copyOf(Checks.noNullElements("validations", validations));
      Set<String> names = new HashSet<>();
      for (ValidationStep v : validations) {
        if (!names.add(v.name())) {
          throw new IllegalArgumentException(
              "validation name " + v.name() + " is used twice in phase " + name);
        }
      }
    }
  }

  /** Something done at {@code at} after its phase starts. */
  public sealed interface Action permits Notification, Snapshot, Inject, Failover {
    String name();

    Duration at();

    /**
     * One line for the timeline, e.g. {@code inject pod-kill into orders-primary until recovery}.
     */
    String describe();
  }

  /** Tells the participants {@code message} through the scenario's notify target. */
  public record Notification(String name, Duration at, String message) implements Action {
    public Notification {
      Checks.nonBlank("name", name);
      Checks.nonNull("at", at);
      Checks.nonBlank("message", message);
    }

    @Override
    public String describe() {
      return "notify \"" + message + "\"";
    }
  }

  /** Records the value of each query (name to PromQL) now. */
  public record Snapshot(String name, Duration at, Map<String, String> queries) implements Action {
    public Snapshot {
      Checks.nonBlank("name", name);
      Checks.nonNull("at", at);
      queries = Map.copyOf(Checks.noNullEntries("queries", queries));
      if (queries.isEmpty()) {
        throw new IllegalArgumentException("snapshot " + name + " needs at least one query");
      }
    }

    @Override
    public String describe() {
      return "snapshot " + new java.util.TreeMap<>(queries).keySet();
    }
  }

  /**
   * Injects a catalogue fault through the safety gates, the executor and its journal, as a recovery
   * test's trigger is injected.
   *
   * @param until the phase whose start reverts the fault, or null: the end of this action's phase
   */
  public record Inject(String name, Duration at, Trigger trigger, String until) implements Action {
    public Inject {
      Checks.nonBlank("name", name);
      Checks.nonNull("at", at);
      Checks.nonNull("trigger", trigger);
    }

    @Override
    public String describe() {
      return "inject "
          + trigger.fault().id()
          + " into "
          + trigger.target()
          + (trigger.params().isEmpty() ? "" : " " + new java.util.TreeMap<>(trigger.params()))
          + ", reverted "
          + (until == null ? "at the end of the phase" : "when " + until + " starts");
    }
  }

  /**
   * Triggers a failover: runs a command (it must exit with the expected code) or sends an HTTP
   * request (it must answer with the expected status).
   */
  public record Failover(String name, Duration at, CommandCheck command, HttpCall http)
      implements Action {
    public Failover {
      Checks.nonBlank("name", name);
      Checks.nonNull("at", at);
      if ((command == null) == (http == null)) {
        throw new IllegalArgumentException(
            "failover " + name + " needs exactly one of command, http");
      }
    }

    @Override
    public String describe() {
      return "failover: " + (command != null ? command.describe() : http.describe());
    }
  }

  /** An HTTP request a failover sends. */
  public record HttpCall(String method, URI url, String body, int status, Duration timeout) {
    public HttpCall {
      Checks.nonBlank("method", method);
      Checks.nonNull("url", url);
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("url must be http:// or https://, got \"" + url + "\"");
      }
      body = body == null ? "" : body;
      Checks.nonNull("timeout", timeout);
    }

    public String describe() {
      return method + " " + url + " -> " + status;
    }
  }
}
