package io.augur.chaos.planfile;

import io.augur.chaos.catalogue.ExperimentType;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.chaos.experiment.RolloutStep;
import io.augur.chaos.experiment.Selection;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds a {@link PlannedExperiment} from a bare {@link ExperimentPlan}, as the streaming job
 * emits it, from the evidence the planner ({@code io.augur.chaos.plan.ChaosPlanner}) leaves in it:
 * {@code app}, {@code targetPods}, {@code systemPods}, {@code rollout} (as the planner describes
 * it, e.g. {@code one pod then 5% (2 pods)}) and, optionally, {@code affectedComponents}, {@code
 * node}, {@code pod} and {@code trafficShare}.
 *
 * <p>The gates run again on the result, so nothing is guessed in a direction that would loosen
 * them: a missing or malformed {@code app}, {@code targetPods}, {@code systemPods} or {@code
 * rollout} is an error (no default pod counts); each step's pods are recomputed from its percentage
 * and must match what the description claims; and the downstream components are raised, if needed,
 * until the recomputed blast radius is at least the plan's own claim.
 */
final class JobPlans {
  private static final Pattern ONE = Pattern.compile("one pod");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})% \\((\\d+) pods?\\)");
  private static final Pattern ALL = Pattern.compile("all (\\d+) pods?");
  private static final double EPS = 1e-9;

  private JobPlans() {}

  static PlannedExperiment rebuild(ExperimentPlan plan) {
    Checks.nonNull("plan", plan);
    String id = Fields.planId("id", plan.id());
    Map<String, String> ev = plan.evidence();
    ExperimentType type = Fields.type("experimentType", plan.experimentType());
    String app = required(ev, "app");
    int targetPods = count(ev, "targetPods", 1);
    int systemPods = count(ev, "systemPods", 1);
    Double traffic = ev.containsKey("trafficShare") ? number(ev, "trafficShare") : null;
    Selection sel =
        Fields.build(
            "plan " + id,
            () ->
                new Selection(
                    plan.namespace(),
                    Map.of("app", app),
                    targetPods,
                    systemPods,
                    ev.get("node"),
                    ev.get("pod"),
                    traffic));
    List<RolloutStep> rollout = rollout(required(ev, "rollout"), targetPods);
    int affected = ev.containsKey("affectedComponents") ? count(ev, "affectedComponents", 0) : 0;
    double recomputed = maxBlast(sel, rollout, affected);
    if (recomputed + EPS < plan.blastRadius()) {
      // the plan claims more than its evidence shows: count enough collateral to reach the claim
      int maxHit = rollout.stream().mapToInt(RolloutStep::podsHit).max().orElse(targetPods);
      affected =
          Math.max(affected, (int) Math.ceil(plan.blastRadius() * systemPods - EPS) - maxHit);
    }
    int a = affected;
    return Fields.build("plan " + id, () -> new PlannedExperiment(plan, type, sel, rollout, a));
  }

  private static double maxBlast(Selection sel, List<RolloutStep> rollout, int affected) {
    return rollout.stream()
        .mapToDouble(s -> PlannedExperiment.blastRadius(sel, s, affected))
        .max()
        .orElse(1.0);
  }

  /** The steps of a rollout description; pods recomputed from the percentages, and checked. */
  static List<RolloutStep> rollout(String description, int targetPods) {
    List<RolloutStep> steps = new ArrayList<>();
    for (String part : description.trim().split(" then ", -1)) {
      String p = part.trim();
      Matcher m;
      if (ONE.matcher(p).matches()) {
        steps.add(RolloutStep.onePod());
      } else if ((m = PERCENT.matcher(p)).matches()) {
        int pct = Integer.parseInt(m.group(1));
        if (pct < 1 || pct > 100) {
          throw bad("rollout", description, "percentage " + pct + " is not within [1, 100]");
        }
        RolloutStep s = RolloutStep.percentOf(pct, targetPods);
        if (s.podsHit() != Integer.parseInt(m.group(2))) {
          throw bad(
              "rollout",
              description,
              pct
                  + "% of "
                  + targetPods
                  + " target pods is "
                  + s.podsHit()
                  + " pods, not "
                  + m.group(2));
        }
        steps.add(s);
      } else if ((m = ALL.matcher(p)).matches()) {
        if (Integer.parseInt(m.group(1)) != targetPods) {
          throw bad(
              "rollout",
              description,
              "all pods is " + targetPods + " (evidence.targetPods), not " + m.group(1));
        }
        steps.add(RolloutStep.all(targetPods));
      } else {
        throw bad(
            "rollout",
            description,
            "step \"" + p + "\" is none of 'one pod', 'N% (K pods)', 'all K pods'");
      }
    }
    return steps;
  }

  private static String required(Map<String, String> ev, String key) {
    String v = ev.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "evidence."
              + key
              + " is missing: without it the plan cannot be rebuilt "
              + "safely (it comes from the chaos planner; evidence has "
              + new java.util.TreeSet<>(ev.keySet())
              + ")");
    }
    return v.trim();
  }

  private static int count(Map<String, String> ev, String key, int min) {
    String v = required(ev, key);
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad(key, v, "not a whole number");
    }
    if (n < min) {
      throw bad(key, v, "must be >= " + min);
    }
    return n;
  }

  private static double number(Map<String, String> ev, String key) {
    String v = required(ev, key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw bad(key, v, "not a number");
    }
  }

  private static IllegalArgumentException bad(String key, String value, String why) {
    return new IllegalArgumentException("evidence." + key + " \"" + value + "\": " + why);
  }
}
