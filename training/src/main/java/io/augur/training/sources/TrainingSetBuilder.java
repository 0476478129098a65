package io.augur.training.sources;

import io.augur.domain.FeatureVector;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.WindowRule;
import io.augur.models.inject.FaultKind;
import io.augur.models.inject.RawSeries;
import io.augur.models.inject.SeriesFaultInjector;
import io.augur.models.inject.SeriesInjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Histories to a labelled {@link TrainingSet}, through the job's feature layer ({@link
 * ComponentFeatures}). Without injection each history is one run of vectors labelled by its spans
 * (for the demo fleet this gives exactly {@code DemoTrainingSet}'s windows). With injection each
 * history is cut into segments ({@link TrainingPlan#segmentSteps()}); a segment holding a real
 * failing span keeps its real labels, and of the others every second one (counted over all
 * histories) gets one raw fault ({@link SeriesFaultInjector}, the six kinds in turn, onset seeded
 * and far enough in for normal windows before it and the horizon after it). The first window's
 * worth of each segment is left out: the feature window is still filling.
 */
public final class TrainingSetBuilder {
  public static final String INJECTED = "injected";

  /** What was built, for the summary. */
  public record Stats(
      int histories,
      int components,
      int segments,
      long segmentSteps,
      long normal,
      long failing,
      Map<String, Long> failingBySource,
      Map<String, Long> normalBySource,
      Map<String, Integer> injections) {
    public Stats {
      failingBySource = Map.copyOf(failingBySource);
      normalBySource = Map.copyOf(normalBySource);
      injections = Map.copyOf(injections);
    }
  }

  public record Result(TrainingSet set, Stats stats) {}

  private TrainingSetBuilder() {}

  public static Result build(SourceHistory history, TrainingPlan plan, ProgressListener progress) {
    FeatureConfig cfg = history.features();
    long step = cfg.stepMs();
    int horizonSteps = (int) Math.max(1, plan.horizonMs() / step);
    SeriesFaultInjector injector = new SeriesFaultInjector(plan.seed());
    String assumed = history.completeLabels() ? history.source() : SourceHistory.ASSUMED_NORMAL;
    List<LabelledWindow> labelled = new ArrayList<>();
    Map<String, Long> failingBy = new TreeMap<>();
    Map<String, Long> normalBy = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int segmentNo = 0;
    int injected = 0;
    int segments = 0;
    List<ComponentHistory> hs = history.components();
    long allSteps = 0;
    for (ComponentHistory ch : hs) {
      allSteps += ch.startMs() < ch.endMs() ? (ch.endMs() - ch.startMs()) / step + 1 : 0;
    }
    long segmentLength = plan.segmentLength(allSteps);
    for (int h = 0; h < hs.size(); h++) {
      progress.onProgress("features", h, hs.size());
      ComponentHistory ch = hs.get(h);
      long start = ch.startMs();
      long end = ch.endMs() + 1;
      if (start >= end) {
        continue;
      }
      long first = Math.floorDiv(start, step) * step;
      long total = (end - first + step - 1) / step;
      int m = plan.inject() ? (int) Math.max(1, total / segmentLength) : 1;
      long len = (total + m - 1) / m;
      for (int k = 0; k < m; k++) {
        long a = k == 0 ? start : first + k * len * step;
        long b = k == m - 1 ? end : first + (k + 1) * len * step;
        segments++;
        List<RawSeries> slice =
            m == 1 ? ch.series() : ch.series().stream().map(s -> s.slice(a, b)).toList();
        boolean realFailing =
            ch.spans().stream()
                .anyMatch(
                    s -> s.kind() == LabelSpan.Kind.FAILING && s.startMs() < b && s.endMs() > a);
        long onset = -1;
        if (plan.inject() && !realFailing && segmentNo++ % 2 == 0) {
          long steps = (b - a) / step;
          long lo = cfg.windowPoints() + plan.windowSteps();
          long hi = steps - Math.max(plan.windowSteps(), horizonSteps / 2);
          if (hi > lo) {
            FaultKind kind = FaultKind.values()[injected++ % FaultKind.values().length];
            onset = Math.floorDiv(a, step) * step + (lo + injector.nextInt((int) (hi - lo))) * step;
            SeriesInjection inj = injector.inject(slice, cfg.counters(), kind, onset);
            slice = inj.series();
            kinds.merge(
                kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), 1, Integer::sum);
          }
        }
        List<FeatureVector> vs = ComponentFeatures.vectors(slice, cfg, a, b);
        if (plan.inject()) {
          String name = ch.component() + "#" + k;
          vs =
              vs.stream()
                  .map(
                      v ->
                          new FeatureVector(
                              name, v.componentLabels(), v.timestampMs(), v.schema(), v.values()))
                  .toList();
        }
        long warmUntil = plan.inject() ? a + cfg.windowMs() : Long.MIN_VALUE;
        WindowRule rule = new WindowRule(plan.windowSteps(), step);
        for (int e = plan.windowSteps(); e <= vs.size(); e++) {
          ComponentWindow window = rule.fullEndingAt(vs, e);
          if (window == null) {
            continue;
          }
          long t = window.timestampMs();
          if (t < warmUntil) {
            continue;
          }
          boolean strideHit = e % plan.normalStride() == 0;
          if (onset >= 0) {
            LabelSpan verdict = t < onset ? operatorNormal(ch, t) : null;
            if (verdict != null) {
              // an operator's false-positive verdict before the injected fault: a hard negative at
              // every step
              add(labelled, LabelledWindow.normal(window), verdict.source(), normalBy);
            } else if (t < onset && strideHit) {
              add(labelled, LabelledWindow.normal(window), assumed, normalBy);
            } else if (t >= onset + (plan.minVisibleSteps() - 1) * step
                && t <= onset + plan.horizonMs()) {
              add(
                  labelled,
                  LabelledWindow.failing(window, null, onset + plan.horizonMs()),
                  INJECTED,
                  failingBy);
            }
            continue;
          }
          LabelSpan span = null;
          for (LabelSpan s : ch.spans()) {
            if (s.contains(t)) {
              span = s;
              break;
            }
          }
          if (span == null) {
            if (strideHit) {
              add(labelled, LabelledWindow.normal(window), assumed, normalBy);
            }
          } else if (span.kind() == LabelSpan.Kind.FAILING) {
            add(
                labelled,
                LabelledWindow.failing(
                    window,
                    span.mode(),
                    span.failureMs() != null ? span.failureMs() : span.endMs()),
                span.source(),
                failingBy);
          } else if (span.kind() == LabelSpan.Kind.NORMAL
              && (strideHit || ChaosLabels.OPERATOR_SOURCE.equals(span.source()))) {
            // an operator's false-positive verdict: every window in it is a hard negative, not a
            // stride sample
            add(labelled, LabelledWindow.normal(window), span.source(), normalBy);
          }
        }
      }
    }
    progress.onProgress("features", hs.size(), hs.size());
    TrainingSet set = new TrainingSet(FeatureSchemas.of(cfg), labelled, List.of());
    long failing = set.failingCount();
    return new Result(
        set,
        new Stats(
            hs.size(),
            (int) history.componentCount(),
            segments,
            plan.inject() ? segmentLength : 0,
            labelled.size() - failing,
            failing,
            failingBy,
            normalBy,
            kinds));
  }

  /** The operator's NORMAL (false-positive) span containing {@code t}, or null. */
  private static LabelSpan operatorNormal(ComponentHistory ch, long t) {
    for (LabelSpan s : ch.spans()) {
      if (s.contains(t)
          && s.kind() == LabelSpan.Kind.NORMAL
          && ChaosLabels.OPERATOR_SOURCE.equals(s.source())) {
        return s;
      }
    }
    return null;
  }

  private static void add(
      List<LabelledWindow> out, LabelledWindow w, String source, Map<String, Long> counts) {
    out.add(w);
    counts.merge(source, 1L, Long::sum);
  }
}
