package io.augur.chaos.targeting;

import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Past experiments by target, and those still running (planned, no outcome yet), as far as ranking
 * and pre-flight checks need them. A running experiment counts in a target's recency load like a
 * finished one, and blocks both its targets and its whole service.
 */
public final class ExperimentHistory {
  private final Map<String, List<ExperimentOutcome>> byTarget = new HashMap<>();
  private final List<RunningExperiment> running = new ArrayList<>();

  public ExperimentHistory() {}

  public ExperimentHistory(Collection<ExperimentOutcome> outcomes) {
    Checks.noNullElements("outcomes", outcomes).forEach(this::add);
  }

  public void add(ExperimentOutcome outcome) {
    Checks.nonNull("outcome", outcome);
    byTarget.computeIfAbsent(outcome.target(), k -> new ArrayList<>()).add(outcome);
  }

  /** Records an experiment that is running (planned and handed on, no outcome yet). */
  public void addRunning(RunningExperiment r) {
    running.add(Checks.nonNull("running", r));
  }

  public List<RunningExperiment> running() {
    return List.copyOf(running);
  }

  public List<ExperimentOutcome> of(String target) {
    return List.copyOf(byTarget.getOrDefault(target, List.of()));
  }

  /**
   * Sum over past experiments on {@code target} started at or before {@code nowMs} of {@code
   * 2^(-(nowMs - startedAtMs) / halfLifeMs)}: 1 for an experiment that just started, 0.5 one
   * half-life later. Experiments in the future of {@code nowMs} are ignored.
   */
  public double recencyLoad(String target, long nowMs, long halfLifeMs) {
    if (halfLifeMs <= 0) {
      throw new IllegalArgumentException("halfLifeMs must be > 0, got " + halfLifeMs);
    }
    double load = 0;
    for (ExperimentOutcome o : byTarget.getOrDefault(target, List.of())) {
      long age = nowMs - o.startedAtMs();
      if (age >= 0) {
        load += Math.pow(2.0, -(double) age / halfLifeMs);
      }
    }
    for (RunningExperiment r : running) {
      long age = nowMs - r.startedAtMs();
      if (age >= 0 && r.targets().contains(target) && !hasOutcome(r.planId(), target)) {
        load += Math.pow(2.0, -(double) age / halfLifeMs);
      }
    }
    return load;
  }

  /**
   * True when an experiment on {@code target} is running at {@code nowMs} (started, not yet ended).
   */
  public boolean runningAt(String target, long nowMs) {
    for (ExperimentOutcome o : byTarget.getOrDefault(target, List.of())) {
      if (o.startedAtMs() <= nowMs && nowMs < o.endedAtMs()) {
        return true;
      }
    }
    for (RunningExperiment r : running) {
      if (r.runningAt(nowMs) && r.targets().contains(target) && !hasOutcome(r.planId(), target)) {
        return true;
      }
    }
    return false;
  }

  /** The running experiment on any pod of {@code service} at {@code nowMs}, if there is one. */
  public java.util.Optional<RunningExperiment> runningOnService(String service, long nowMs) {
    return running.stream()
        .filter(
            r ->
                r.service().equals(service)
                    && r.runningAt(nowMs)
                    && r.targets().stream().anyMatch(t -> !hasOutcome(r.planId(), t)))
        .findFirst();
  }

  private boolean hasOutcome(String planId, String target) {
    return byTarget.getOrDefault(target, List.of()).stream()
        .anyMatch(o -> o.planId().equals(planId));
  }
}
