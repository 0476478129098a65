package io.augur.chaos.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.domain.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a recovery test from YAML; every error names the file, the field and the value.
 *
 * <pre>
 * name: primary-failover
 * service: orders                   # default: trigger.target
 * vars: {port: "18080"}             # ${port} below; --set port=... overrides
 * trigger:
 *   fault: pod-kill                 # a catalogue id
 *   target: orders-primary          # as the executor binds it (local targets file)
 *   params: {}                      # override the catalogue's defaults
 *   duration: 0s                    # least time the fault stays in effect
 *   replicas: 2                     # instances serving the target (gates: >= 2 for a kill)
 *   systemSize: 100                 # instances in the whole system (blast radius 1 of these)
 * expectedRecovery: "&lt; 5s"
 * recoveryFrom: injection           # or revert: the clock starts when the fault is removed
 * observeFor: 30s                   # per phase; default 3 x expectedRecovery, at least 10s
 * interval: 250ms                   # between evaluations; default 500ms
 * expectedBehaviours:               # while the fault is in effect, each must hold at some point
 *   - name: writer-reports-errors
 *     http: {url: "http://127.0.0.1:${port}/health", status: 503}
 * validation:                       # each must become true and stay true for `for`
 *   - name: standby-serves
 *     http: {url: "http://127.0.0.1:${port}/", status: 200, bodyContains: standby, timeout: 1s}
 *     for: 2s
 *   - name: errors-low
 *     promql: 'sum(rate(http_request_errors_total{job="orders"}[1m])) &lt; 0.1'
 *     for: 10s
 *   - name: replica-consistent
 *     command: {run: [./check-replica.sh], exitCode: 0, timeout: 5s}
 * </pre>
 */
public final class RecoveryTestFile {
  static final int DEFAULT_SYSTEM_SIZE = 100;
  static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
  static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

  private RecoveryTestFile() {}

  /** Reads {@code file}; {@code overrides} replace the file's {@code vars}. */
  public static RecoveryTest read(Path file, Map<String, String> overrides) {
    Checks.nonNull("file", file);
    return parse(file.toString(), YamlFields.readText(file, "recovery test"), overrides);
  }

  public static RecoveryTest parse(String source, String yaml, Map<String, String> overrides) {
    YamlFields top = YamlFields.document(source, yaml, overrides);
    JsonNode root = top.node();
    top.only(
        "name",
        "description",
        "service",
        "namespace",
        "vars",
        "trigger",
        "expectedRecovery",
        "recoveryFrom",
        "observeFor",
        "interval",
        "expectedBehaviours",
        "validation");
    String name = top.string("name");
    Trigger trigger = trigger(top.object("trigger"));
    Duration expected = top.duration("expectedRecovery", null);
    if (expected == null) {
      throw top.error(
          "expectedRecovery", "must be a duration like \"< 30s\"", root.get("expectedRecovery"));
    }
    Duration observeDefault =
        expected.multipliedBy(3).compareTo(Duration.ofSeconds(10)) < 0
            ? Duration.ofSeconds(10)
            : expected.multipliedBy(3);
    String from = top.string("recoveryFrom", "injection").toUpperCase(Locale.ROOT);
    RecoveryTest.From recoveryFrom;
    try {
      recoveryFrom = RecoveryTest.From.valueOf(from);
    } catch (IllegalArgumentException e) {
      throw top.error("recoveryFrom", "must be injection or revert", root.get("recoveryFrom"));
    }
    List<ValidationStep> behaviours =
        top.objects("expectedBehaviours").stream().map(RecoveryTestFile::validationStep).toList();
    List<ValidationStep> validation =
        top.objects("validation").stream().map(RecoveryTestFile::validationStep).toList();
    if (validation.isEmpty()) {
      throw top.error("validation", "must list at least one step", root.get("validation"));
    }
    try {
      return new RecoveryTest(
          name,
          top.string("description", ""),
          top.string("service", null),
          top.string("namespace", null),
          trigger,
          expected,
          recoveryFrom,
          top.duration("observeFor", observeDefault),
          top.duration("interval", DEFAULT_INTERVAL),
          behaviours,
          validation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * A trigger as recovery tests (and game-day inject actions) declare it: fault, target, params,
   * duration ...
   */
  public static Trigger trigger(YamlFields t) {
    t.only("fault", "target", "params", "duration", "replicas", "systemSize");
    String id = t.string("fault");
    ExperimentType type =
        Arrays.stream(ExperimentType.values())
            .filter(x -> x.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        t.file()
                            + ": "
                            + t.path()
                            + ".fault must be a catalogue id "
                            + Arrays.stream(ExperimentType.values())
                                .map(ExperimentType::id)
                                .toList()
                            + ", got \""
                            + id
                            + "\""));
    String target = t.string("target");
    Map<String, String> params = t.stringMap("params");
    Duration min = t.duration("duration", Duration.ZERO);
    int replicas = t.integer("replicas", 1);
    int systemSize = t.integer("systemSize", DEFAULT_SYSTEM_SIZE);
    try {
      return new Trigger(type, target, params, min, replicas, systemSize);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(t.file() + ": " + t.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * One step as recovery tests (and game-day scenarios) declare it: {@code name}, exactly one of
   * {@code promql}, {@code http}, {@code command}, and an optional {@code for}.
   */
  public static ValidationStep validationStep(YamlFields s) {
    s.only("name", "promql", "http", "command", "for");
    String name = s.string("name");
    List<String> kinds = List.of("promql", "http", "command").stream().filter(s::has).toList();
    if (kinds.size() != 1) {
      throw new IllegalArgumentException(
          s.file()
              + ": "
              + s.path()
              + " ("
              + name
              + ") must have exactly one of promql, http, command; has "
              + kinds);
    }
    Check check;
    try {
      check =
          switch (kinds.get(0)) {
            case "promql" -> new PromqlCheck(s.string("promql"));
            case "http" -> http(s.object("http"));
            default -> command(s.object("command"));
          };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(s.file() + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(
          s.file() + ": " + s.path() + "." + kinds.get(0) + ": " + e.getMessage(), e);
    }
    return new ValidationStep(name, check, s.duration("for", Duration.ZERO));
  }

  private static HttpCheck http(YamlFields h) {
    h.only("url", "status", "bodyContains", "timeout");
    String url = h.string("url");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          h.file() + ": " + h.path() + ".url is not a URL, got \"" + url + "\"", e);
    }
    return new HttpCheck(
        uri,
        h.integer("status", 200),
        h.string("bodyContains", null),
        h.duration("timeout", DEFAULT_HTTP_TIMEOUT));
  }

  private static CommandCheck command(YamlFields c) {
    c.only("run", "exitCode", "timeout");
    return new CommandCheck(
        c.strings("run"), c.integer("exitCode", 0), c.duration("timeout", DEFAULT_COMMAND_TIMEOUT));
  }
}
