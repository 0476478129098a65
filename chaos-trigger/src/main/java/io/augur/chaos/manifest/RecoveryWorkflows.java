package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augur.chaos.experiment.Names;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.recovery.CommandCheck;
import io.augur.chaos.recovery.HttpCheck;
import io.augur.chaos.recovery.PromqlCheck;
import io.augur.chaos.recovery.RecoveryTest;
import io.augur.chaos.recovery.ValidationStep;
import io.augur.chaos.safety.ApprovedPlan;
import io.augur.domain.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A recovery test as a Chaos Mesh {@code Workflow}: the fault runs in parallel with the steps to be
 * watched while it is in effect (its expected behaviours, and with {@code recoveryFrom: injection}
 * the validation too); with {@code recoveryFrom: revert} the validation runs after the fault ends.
 * A step Chaos Mesh's {@code StatusCheck} can express (an HTTP GET judged by its status code alone)
 * becomes one: Synchronous, as many consecutive successes as cover the step's {@code for}, and as
 * many consecutive failures as fit into the expected recovery time (so a check still failing after
 * it fails the step, and {@code abortWithStatusCheck} the workflow). Every other step (a body
 * match, PromQL, a command) becomes a {@code Task}: a shell loop in the task image that exits 0
 * once the check held for {@code for}, and 1 when the window passes. A command step runs its argv
 * inside that image, so the program must exist there.
 */
public final class RecoveryWorkflows {
  private final WorkflowOptions options;

  public RecoveryWorkflows(WorkflowOptions options) {
    this.options = Checks.nonNull("options", options);
  }

  /**
   * The workflow for {@code test}, whose trigger {@code approved} is (made by {@code
   * RecoveryRun.plan}, judged by the gates).
   */
  public ObjectNode workflow(RecoveryTest test, ApprovedPlan approved) {
    Checks.nonNull("test", test);
    PlannedExperiment p = ChaosMeshManifests.checked(approved);
    if (p.type() != test.trigger().fault()) {
      throw new IllegalArgumentException(
          "plan "
              + p.plan().id()
              + " is a "
              + p.type().id()
              + ", the test's trigger a "
              + test.trigger().fault().id());
    }
    ObjectNode m =
        ChaosMeshManifests.header(
            "Workflow",
            Names.dns1123("recovery-" + test.name(), 63),
            p.plan().namespace(),
            approved);
    ((ObjectNode) m.get("metadata").get("annotations"))
        .put("augur.io/recovery-test", test.name())
        .put("augur.io/expected-recovery", goDuration(test.expectedRecovery()));
    ObjectNode spec = m.putObject("spec");
    spec.put("entry", "recovery");
    ArrayNode templates = spec.putArray("templates");
    boolean fromInjection = test.recoveryFrom() == RecoveryTest.From.INJECTION;
    Duration faultFor =
        fromInjection || test.trigger().minDuration().isZero()
            ? test.observeFor()
            : test.trigger().minDuration();
    List<String> during = new ArrayList<>();
    for (ValidationStep s : test.expectedBehaviours()) {
      during.add(step(templates, "b", s, test, faultFor));
    }
    List<String> after = new ArrayList<>();
    for (ValidationStep s : test.validation()) {
      String name = step(templates, "v", s, test, test.expectedRecovery());
      (fromInjection ? during : after).add(name);
    }
    ObjectNode fault = templates.addObject();
    fault
        .put("name", "fault")
        .put("templateType", p.type().kind().kind())
        .put("deadline", goDuration(faultFor));
    fault.set(
        p.type().kind().field(),
        ChaosSpecs.spec(p.type(), p.selection(), p.rollout().get(0), null));
    List<String> top = new ArrayList<>();
    if (during.isEmpty()) {
      top.add("fault");
    } else {
      List<String> children = new ArrayList<>(List.of("fault"));
      children.addAll(during);
      node(templates, "while-fault", "Parallel", children);
      top.add("while-fault");
    }
    if (!after.isEmpty()) {
      node(templates, "after-revert", "Parallel", after);
      top.add("after-revert");
    }
    node(templates, "recovery", "Serial", top);
    return m;
  }

  /** Adds the template for one step, named {@code prefix-<step>}; returns its name. */
  String step(
      ArrayNode templates, String prefix, ValidationStep s, RecoveryTest test, Duration window) {
    String name = Names.dns1123(prefix + "-" + s.name(), 63);
    ObjectNode t = templates.addObject();
    t.put("name", name);
    long interval = Math.max(1, ceilSeconds(test.interval()));
    if (s.check() instanceof HttpCheck h && h.bodyContains() == null) {
      long windowS = Math.max(1, ceilSeconds(window));
      t.put("templateType", "StatusCheck")
          .put("deadline", goDuration(window.plus(s.holdFor()).plusSeconds(interval)))
          .put("abortWithStatusCheck", true);
      ObjectNode sc = t.putObject("statusCheck");
      long hold = ceilSeconds(s.holdFor());
      // the CRD's integers: ints, so the YAML read back equals what was written
      sc.put("mode", "Synchronous")
          .put("type", "HTTP")
          .put("intervalSeconds", (int) interval)
          .put("timeoutSeconds", (int) Math.max(1, ceilSeconds(h.timeout())))
          .put("successThreshold", (int) (1 + (hold + interval - 1) / interval))
          .put("failureThreshold", (int) (windowS / interval + 1));
      ObjectNode http = sc.putObject("http");
      http.put("url", h.url().toString()).put("method", "GET");
      http.putObject("criteria").put("statusCode", Integer.toString(h.status()));
      return name;
    }
    long windowS = Math.max(1, ceilSeconds(window));
    long hold = ceilSeconds(s.holdFor());
    String script =
        "end=$(( $(date +%s) + "
            + windowS
            + " )); since=''; "
            + "while [ \"$(date +%s)\" -le \"$end\" ]; do "
            + "if "
            + condition(s)
            + "; then "
            + "[ -z \"$since\" ] && since=$(date +%s); "
            + "if [ $(( $(date +%s) - since )) -ge "
            + hold
            + " ]; then echo "
            + ChaosMeshManifests.shellQuote(s.name() + " held")
            + "; exit 0; fi; "
            + "else since=''; fi; sleep "
            + interval
            + "; done; "
            + "echo "
            + ChaosMeshManifests.shellQuote(s.name() + " did not hold within " + windowS + "s")
            + "; exit 1";
    t.put("templateType", "Task")
        .put("deadline", goDuration(window.plus(s.holdFor()).plusSeconds(30)));
    ObjectNode container = t.putObject("task").putObject("container");
    container.put("name", name).put("image", options.taskImage());
    container.putArray("command").add("sh").add("-c").add(script);
    return name;
  }

  /** A shell condition that is true when the check holds. */
  String condition(ValidationStep s) {
    if (s.check() instanceof HttpCheck h) {
      String c =
          "[ \"$(curl -s -m "
              + Math.max(1, ceilSeconds(h.timeout()))
              + " -o /tmp/augur-body -w '%{http_code}' "
              + ChaosMeshManifests.shellQuote(h.url().toString())
              + ")\" = '"
              + h.status()
              + "' ]";
      return h.bodyContains() == null
          ? c
          : c
              + " && grep -qF -- "
              + ChaosMeshManifests.shellQuote(h.bodyContains())
              + " /tmp/augur-body";
    }
    if (s.check() instanceof PromqlCheck q) {
      return "curl -sfG -m 5 "
          + ChaosMeshManifests.shellQuote(options.prometheusUrl() + "/api/v1/query")
          + " --data-urlencode "
          + ChaosMeshManifests.shellQuote("query=" + q.query())
          + " | grep -Eq '\"result\":\\[[^]]'";
    }
    CommandCheck c = (CommandCheck) s.check();
    StringBuilder argv = new StringBuilder();
    c.argv().forEach(a -> argv.append(ChaosMeshManifests.shellQuote(a)).append(' '));
    return "{ timeout "
        + Math.max(1, ceilSeconds(c.timeout()))
        + " "
        + argv
        + ">/dev/null 2>&1; [ $? -eq "
        + c.exitCode()
        + " ]; }";
  }

  private static long ceilSeconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }

  static String goDuration(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private static void node(ArrayNode templates, String name, String type, List<String> children) {
    ObjectNode t = templates.addObject();
    t.put("name", name).put("templateType", type);
    ArrayNode c = t.putArray("children");
    children.forEach(c::add);
  }
}
