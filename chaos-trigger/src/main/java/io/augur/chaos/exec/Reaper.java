package io.augur.chaos.exec;

import io.augur.chaos.loop.OutcomeLog;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@link ExperimentEngine#reap}: what a crashed or killed runner left in the journal. */
final class Reaper {
  private Reaper() {}

  static List<String> reap(
      FaultJournal journal, Map<String, Executor> byName, OutcomeLog outcomes, Clock clock) {
    Checks.nonNull("journal", journal);
    Map<String, Executor> executors = Map.copyOf(Checks.noNullEntries("byName", byName));
    Checks.nonNull("outcomes", outcomes);
    Checks.nonNull("clock", clock);
    FaultJournal.Contents contents = journal.read();
    List<String> unreadable = new ArrayList<>();
    for (String bad : contents.unreadable()) {
      unreadable.add("left in the journal " + journal.dir() + ", unreadable: " + bad);
    }
    Map<String, String> lines = new LinkedHashMap<>(); // one per fault id
    Map<String, List<InjectedFault>> reverted = new LinkedHashMap<>();
    Set<String> incomplete = new LinkedHashSet<>();
    for (InjectedFault f : contents.faults()) {
      Executor ex = executors.get(f.executor());
      if (ex == null) {
        lines.put(
            f.id(),
            "left in the journal: fault "
                + f.id()
                + " of plan "
                + f.experimentId()
                + " was applied by executor "
                + f.executor()
                + ", which is not available here (have "
                + new TreeSet<>(executors.keySet())
                + ")");
        incomplete.add(f.experimentId());
        continue;
      }
      String error = null;
      try {
        ex.revert(f, journal);
      } catch (RuntimeException e) {
        error = e.getMessage();
      }
      boolean gone;
      try {
        gone = ex.verifyReverted(f);
      } catch (RuntimeException e) {
        gone = false;
        error = error == null ? "verify failed: " + e.getMessage() : error;
      }
      if (gone) {
        try {
          journal.remove(f.id());
        } catch (RuntimeException e) {
          lines.put(
              f.id(),
              "reverted fault "
                  + f.id()
                  + " of plan "
                  + f.experimentId()
                  + ", but its journal entry stays: "
                  + e.getMessage());
          incomplete.add(f.experimentId());
          continue;
        }
        long t = clock.millis();
        lines.put(
            f.id(),
            "reverted fault "
                + f.id()
                + " of plan "
                + f.experimentId()
                + " ("
                + f.experimentType()
                + " on "
                + f.target()
                + ", executor "
                + f.executor()
                + ") at "
                + Instant.ofEpochMilli(t));
        reverted
            .computeIfAbsent(f.experimentId(), k -> new ArrayList<>())
            .add(f.with("revertedAtMs", Long.toString(t)));
      } else {
        lines.put(
            f.id(),
            "left in the journal: fault "
                + f.id()
                + " of plan "
                + f.experimentId()
                + " could not be reverted by "
                + f.executor()
                + (error == null ? ": it is still in effect" : ": " + error));
        incomplete.add(f.experimentId());
      }
    }
    Set<String> recorded = new HashSet<>();
    if (!reverted.isEmpty()) {
      outcomes.read().outcomes().forEach(o -> recorded.add(o.planId()));
    }
    for (Map.Entry<String, List<InjectedFault>> e : reverted.entrySet()) {
      String plan = e.getKey();
      String note;
      if (incomplete.contains(plan)) {
        note = "; its outcome waits until every fault of plan " + plan + " is gone";
      } else if (recorded.contains(plan)) {
        note = "; an outcome of plan " + plan + " was already recorded";
      } else {
        note = record(outcomes, e.getValue());
      }
      e.getValue().forEach(f -> lines.computeIfPresent(f.id(), (k, l) -> l + note));
    }
    List<String> out = new ArrayList<>(lines.values());
    out.addAll(unreadable);
    return out;
  }

  private static String record(OutcomeLog outcomes, List<InjectedFault> faults) {
    Map<String, List<InjectedFault>> byTarget = new LinkedHashMap<>();
    faults.forEach(f -> byTarget.computeIfAbsent(f.target(), k -> new ArrayList<>()).add(f));
    for (Map.Entry<String, List<InjectedFault>> t : byTarget.entrySet()) {
      List<InjectedFault> fs = t.getValue();
      long start = fs.stream().mapToLong(InjectedFault::injectedAtMs).min().orElseThrow();
      long end =
          fs.stream().mapToLong(f -> Long.parseLong(f.require("revertedAtMs"))).max().orElseThrow();
      StringBuilder notes = new StringBuilder("runner crashed or was killed:");
      for (InjectedFault f : fs) {
        notes
            .append(" fault ")
            .append(f.id())
            .append(" (executor ")
            .append(f.executor())
            .append(") found in the journal at start, reverted at ")
            .append(Instant.ofEpochMilli(Long.parseLong(f.require("revertedAtMs"))))
            .append(';');
      }
      notes.setLength(notes.length() - 1);
      InjectedFault first = fs.get(0);
      outcomes.append(
          new ExperimentOutcome(
              first.experimentId(),
              t.getKey(),
              first.experimentType(),
              "unknown",
              ExperimentOutcome.Status.ABORTED,
              start,
              Math.max(start, end),
              null,
              false,
              Map.of(),
              notes.toString()));
    }
    return "; recorded an ABORTED outcome of plan "
        + faults.get(0).experimentId()
        + " for "
        + byTarget.keySet();
  }
}
