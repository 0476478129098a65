package io.augur.chaos.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.recovery.CommandCheck;
import io.augur.chaos.recovery.RecoveryTestFile;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chaos.recovery.YamlFields;
import io.augur.chaos.safety.AbortCondition;
import io.augur.domain.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a game-day {@link Scenario} from YAML; every error is one line naming the file, the field
 * and the value. Validations are written as recovery tests write theirs.
 *
 * <pre>
 * name: orders-failover-drill
 * vars: {port: "18080"}                      # ${port} below; --set port=... overrides
 * notify: {webhook: "http://127.0.0.1:9000/gameday"}   # or {alertmanager: "http://127.0.0.1:9093"}
 * keyMetric: {name: serving, promql: 'sum(augur_demo_serving{job="orders"})'}
 * interval: 500ms                            # between evaluations; default 1s
 * abort:                                     # over the whole scenario
 *   - name: nothing-serving
 *     promql: 'sum(augur_demo_serving{job="orders"}) &lt; 1'    # "QUERY &gt; N" or "QUERY &lt; N"
 *     for: 5s
 * phases:
 *   - name: preparation                      # preparation, failure-injection, response, recovery, in order
 *     duration: 10s
 *     actions:
 *       - notify: {message: "game day starts"}
 *       - snapshot: {name: baseline, queries: {serving: 'sum(augur_demo_serving{job="orders"})'}}
 *     validations:
 *       - {name: primary-serves, http: {url: "http://127.0.0.1:${port}/", bodyContains: primary}}
 *   - name: failure-injection
 *     duration: 15s
 *     actions:
 *       - inject: {name: kill-primary, fault: pod-kill, target: orders-primary, replicas: 2, until: recovery}
 *         at: 1s                             # after the phase starts; default 0s
 *   - name: response
 *     duration: 10s
 *     actions:
 *       - failover: {name: promote, command: {run: [./promote.sh], exitCode: 0, timeout: 5s}}
 *                                           # or http: {url: ..., method: POST, body: ..., status: 200}
 * </pre>
 */
public final class ScenarioFile {
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private ScenarioFile() {}

  public static Scenario read(Path file, Map<String, String> overrides) {
    Checks.nonNull("file", file);
    return parse(file.toString(), YamlFields.readText(file, "game-day scenario"), overrides);
  }

  public static Scenario parse(String source, String yaml, Map<String, String> overrides) {
    YamlFields top = YamlFields.document(source, yaml, overrides);
    JsonNode root = top.node();
    top.only(
        "name",
        "description",
        "namespace",
        "vars",
        "notify",
        "keyMetric",
        "interval",
        "abort",
        "phases");
    String name = top.string("name");
    Scenario.Notify notify = top.has("notify") ? notify(top.object("notify")) : null;
    Scenario.KeyMetric key = null;
    if (top.has("keyMetric")) {
      YamlFields k = top.object("keyMetric");
      k.only("name", "promql");
      key = new Scenario.KeyMetric(k.string("name"), k.string("promql"));
    }
    List<AbortCondition> abort = new ArrayList<>();
    for (YamlFields a : top.objects("abort")) {
      abort.add(abort(a));
    }
    List<YamlFields> phaseFields = top.objects("phases");
    if (phaseFields.isEmpty()) {
      throw top.error("phases", "must list at least one phase", root.get("phases"));
    }
    List<Scenario.Phase> phases = new ArrayList<>();
    for (YamlFields p : phaseFields) {
      phases.add(phase(p));
    }
    try {
      return new Scenario(
          name,
          top.string("description", ""),
          top.string("namespace", null),
          notify,
          key,
          top.duration("interval", DEFAULT_INTERVAL),
          abort,
          phases);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static Scenario.Notify notify(YamlFields n) {
    n.only("alertmanager", "webhook");
    try {
      return new Scenario.Notify(
          n.has("alertmanager") ? url(n, "alertmanager") : null,
          n.has("webhook") ? url(n, "webhook") : null);
    } catch (IllegalArgumentException e) {
      throw withPath(n, e);
    }
  }

  private static AbortCondition abort(YamlFields a) {
    a.only("name", "promql", "for");
    String name = a.string("name");
    String promql = a.string("promql");
    Duration d = a.duration("for", Duration.ZERO);
    try {
      AbortCondition c = AbortCondition.parse("abort if " + name + ": " + promql);
      return c.withFor(d);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          a.file()
              + ": "
              + a.path()
              + ".promql must be \"QUERY > N\" or \"QUERY < N\","
              + " got \""
              + promql
              + "\"",
          e);
    }
  }

  private static Scenario.Phase phase(YamlFields p) {
    p.only("name", "duration", "actions", "validations");
    String name = p.string("name");
    if (!Scenario.PHASES.contains(name)) {
      throw new IllegalArgumentException(
          p.file()
              + ": "
              + p.path()
              + ".name must be one of "
              + Scenario.PHASES
              + ", got \""
              + name
              + "\"");
    }
    Duration duration = p.duration("duration", null);
    if (duration == null) {
      throw new IllegalArgumentException(
          p.file() + ": " + p.path() + ".duration must be given (e.g. 30s)");
    }
    List<Scenario.Action> actions = new ArrayList<>();
    for (YamlFields a : p.objects("actions")) {
      actions.add(action(a, actions.size()));
    }
    List<ValidationStep> validations =
        p.objects("validations").stream().map(RecoveryTestFile::validationStep).toList();
    try {
      return new Scenario.Phase(name, duration, actions, validations);
    } catch (IllegalArgumentException e) {
      throw withPath(p, e);
    }
  }

  private static Scenario.Action action(YamlFields a, int index) {
    a.only("notify", "snapshot", "inject", "failover", "at");
    List<String> kinds =
        List.of("notify", "snapshot", "inject", "failover").stream().filter(a::has).toList();
    if (kinds.size() != 1) {
      throw new IllegalArgumentException(
          a.file()
              + ": "
              + a.path()
              + " must have exactly one of notify, snapshot, "
              + "inject, failover; has "
              + kinds);
    }
    String kind = kinds.get(0);
    Duration at = a.duration("at", Duration.ZERO);
    YamlFields b = a.object(kind);
    String fallbackName = kind + "-" + (index + 1);
    try {
      return switch (kind) {
        case "notify" -> {
          b.only("name", "message");
          yield new Scenario.Notification(b.string("name", fallbackName), at, b.string("message"));
        }
        case "snapshot" -> {
          b.only("name", "queries");
          Map<String, String> q = b.stringMap("queries");
          if (q.isEmpty()) {
            throw new IllegalArgumentException(
                b.file() + ": " + b.path() + ".queries must map names to PromQL queries");
          }
          yield new Scenario.Snapshot(b.string("name", fallbackName), at, q);
        }
        case "inject" -> inject(b, at, fallbackName);
        default -> failover(b, at, fallbackName);
      };
    } catch (IllegalArgumentException e) {
      throw withPath(b, e);
    }
  }

  private static Scenario.Inject inject(YamlFields b, Duration at, String fallbackName) {
    String until = b.string("until", null);
    String name = b.string("name", fallbackName);
    if (until != null && !Scenario.PHASES.contains(until)) {
      throw new IllegalArgumentException(
          b.file()
              + ": "
              + b.path()
              + ".until must be one of "
              + Scenario.PHASES
              + ", got \""
              + until
              + "\"");
    }
    // the trigger's own fields, as a recovery test writes them
    com.fasterxml.jackson.databind.node.ObjectNode t =
        ((com.fasterxml.jackson.databind.node.ObjectNode) b.node()).deepCopy();
    t.remove("name");
    t.remove("until");
    return new Scenario.Inject(
        name, at, RecoveryTestFile.trigger(new YamlFields(b.file(), b.path(), t, b.vars())), until);
  }

  private static Scenario.Failover failover(YamlFields b, Duration at, String fallbackName) {
    b.only("name", "command", "http");
    String name = b.string("name", fallbackName);
    if (b.has("command") == b.has("http")) {
      throw new IllegalArgumentException(
          b.file() + ": " + b.path() + " must have exactly one of command, http");
    }
    if (b.has("command")) {
      YamlFields c = b.object("command");
      c.only("run", "exitCode", "timeout");
      return new Scenario.Failover(
          name,
          at,
          new CommandCheck(
              c.strings("run"), c.integer("exitCode", 0), c.duration("timeout", DEFAULT_TIMEOUT)),
          null);
    }
    YamlFields h = b.object("http");
    h.only("url", "method", "body", "status", "timeout");
    String method = h.string("method", "POST").toUpperCase(Locale.ROOT);
    return new Scenario.Failover(
        name,
        at,
        null,
        new Scenario.HttpCall(
            method,
            url(h, "url"),
            h.string("body", ""),
            h.integer("status", 200),
            h.duration("timeout", DEFAULT_TIMEOUT)));
  }

  private static URI url(YamlFields f, String key) {
    String s = f.string(key);
    try {
      URI u = URI.create(s);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          f.file()
              + ": "
              + (f.path().isEmpty() ? key : f.path() + "." + key)
              + " must be an http:// or https:// URL, got \""
              + s
              + "\"",
          e);
    }
  }

  private static IllegalArgumentException withPath(YamlFields f, IllegalArgumentException e) {
    if (e.getMessage() != null && e.getMessage().startsWith(f.file() + ":")) {
      return e;
    }
    return new IllegalArgumentException(f.file() + ": " + f.path() + ": " + e.getMessage(), e);
  }
}
