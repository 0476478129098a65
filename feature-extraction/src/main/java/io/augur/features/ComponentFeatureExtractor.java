package io.augur.features;

import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.domain.SeriesKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The features of one component: its series' windows, aligned on the step grid, assembled into one
 * {@link FeatureVector} per completed step. Pure Java; the Flink operator keeps one per key.
 *
 * <p>Time is event time only. Step {@code k} (grid time {@code T = k * step}) is complete when the
 * watermark reaches {@code T + allowedLateness}; {@link #advanceTo} then emits its vector. A sample
 * for a step already emitted is {@link OfferResult#LATE}. A series without any sample for {@code
 * seriesTtlMs} is dropped; when the last series goes, the component stops emitting (and the caller
 * may drop the extractor: {@link #isEmpty()}).
 *
 * <p>Not thread-safe.
 */
public final class ComponentFeatureExtractor {

  static final long NONE = Long.MIN_VALUE;

  private final FeatureConfig cfg;
  private final FeatureLayout layout;
  private final String component;
  private final Map<String, String> componentLabels;
  private SeriesStore store;
  private int seriesCount;
  private long lastEmittedStep = NONE;
  private long firstPendingStep = NONE;
  final long[] counts = new long[OfferResult.values().length];
  long expiredSeries;
  long staleMarkers;
  long clampedValues;

  /**
   * Working arrays shared by every extractor of a thread (state stays per component; scratch does
   * not).
   */
  private static final ThreadLocal<WindowScratch> SCRATCH =
      ThreadLocal.withInitial(() -> new WindowScratch(FeatureConfig.MAX_WINDOW_POINTS));

  public ComponentFeatureExtractor(
      FeatureConfig cfg, String component, Map<String, String> componentLabels) {
    this.cfg = Checks.nonNull("cfg", cfg);
    this.component = Checks.nonBlank("component", component);
    this.componentLabels = Map.copyOf(Checks.noNullEntries("componentLabels", componentLabels));
    this.layout = FeatureLayout.of(cfg);
    this.store = SeriesStore.onHeap();
  }

  /**
   * Moves this extractor's series to another store (the streaming job's per-key {@code MapState});
   * the caller guarantees the store holds this component's series.
   */
  public ComponentFeatureExtractor attach(SeriesStore seriesStore) {
    this.store = Checks.nonNull("seriesStore", seriesStore);
    return this;
  }

  /** The store this extractor's series live in. */
  public SeriesStore store() {
    return store;
  }

  /** An extractor for the component {@code sample} belongs to. */
  public static ComponentFeatureExtractor forSample(MetricSample sample, FeatureConfig cfg) {
    return new ComponentFeatureExtractor(
        cfg, ComponentKeys.componentOf(sample, cfg), ComponentKeys.componentLabels(sample, cfg));
  }

  public FeatureConfig config() {
    return cfg;
  }

  public FeatureSchema schema() {
    return layout.schema;
  }

  public String component() {
    return component;
  }

  public Map<String, String> componentLabels() {
    return componentLabels;
  }

  /** Offers one sample of this component; see {@link OfferResult} for what may become of it. */
  public OfferResult offer(MetricSample s) {
    int metric = layout.metricIndex(s.metric());
    if (metric < 0) {
      return count(OfferResult.UNKNOWN_METRIC);
    }
    long step = cfg.stepOf(s.timestampMs());
    if (lastEmittedStep != NONE && step <= lastEmittedStep) {
      return count(OfferResult.LATE);
    }
    SeriesWindow w = store.find(s.metric(), s.labels());
    boolean created = w == null;
    if (created) {
      SeriesKey key = s.seriesKey();
      String c = ComponentKeys.componentOf(s, cfg);
      if (!c.equals(component)) {
        throw new IllegalArgumentException(
            "sample of component \""
                + c
                + "\" offered to the extractor of \""
                + component
                + "\": "
                + key);
      }
      if (seriesCount >= cfg.maxSeriesPerComponent()) {
        return count(OfferResult.OVER_CAP);
      }
      w = new SeriesWindow(key, layout.counter[metric], cfg.ringCapacity());
    }
    long next =
        lastEmittedStep != NONE
            ? lastEmittedStep + 1
            : firstPendingStep == NONE ? step : Math.min(step, firstPendingStep);
    OfferResult r =
        w.offer(s.timestampMs(), s.value(), cfg.stepMs(), next - cfg.windowPoints() + 1);
    if (r.accepted()) {
      if (created) {
        seriesCount++;
        store.save(w);
      } else if (!store.holdsReferences()) {
        store.save(w);
      }
      if (s.stale()) {
        staleMarkers++;
      }
      if (lastEmittedStep == NONE && (firstPendingStep == NONE || step < firstPendingStep)) {
        firstPendingStep = step;
      }
    }
    return count(r);
  }

  /**
   * Emits the vectors of every step completed by {@code watermarkMs} (step time plus allowed
   * lateness at or before it), oldest first, expiring series on the way.
   */
  public List<FeatureVector> advanceTo(long watermarkMs) {
    long k = lastEmittedStep == NONE ? firstPendingStep : lastEmittedStep + 1;
    if (k == NONE || watermarkMs - cfg.allowedLatenessMs() < k * cfg.stepMs()) {
      return List.of();
    }
    long maxStep = Math.floorDiv(watermarkMs - cfg.allowedLatenessMs(), cfg.stepMs());
    List<FeatureVector> out = new ArrayList<>();
    List<SeriesWindow> live = store.all();
    for (; k <= maxStep; k++) {
      expire(live, k * cfg.stepMs());
      if (live.isEmpty()) {
        lastEmittedStep = maxStep;
        break;
      }
      for (SeriesWindow w : live) {
        w.finalizeStep(k, cfg);
      }
      out.add(assemble(k, live));
      lastEmittedStep = k;
    }
    if (!store.holdsReferences()) {
      for (SeriesWindow w : live) {
        store.save(w);
      }
    }
    return out;
  }

  private void expire(List<SeriesWindow> live, long stepEndMs) {
    Iterator<SeriesWindow> it = live.iterator();
    while (it.hasNext()) {
      SeriesWindow w = it.next();
      if (w.maxTimestampMs() + cfg.seriesTtlMs() <= stepEndMs) {
        it.remove();
        store.remove(w);
        seriesCount--;
        expiredSeries++;
      }
    }
  }

  private FeatureVector assemble(long step, List<SeriesWindow> live) {
    WindowScratch scratch = SCRATCH.get();
    double[] seriesBuf = scratch.seriesBuf;
    double[] values = new double[layout.schema.size()];
    boolean[] seen = new boolean[layout.offsets.length];
    for (SeriesWindow w : live) {
      int j = layout.metricIndex(w.key().metric());
      int off = layout.offsets[j];
      int n = SeriesFeature.countFor(layout.counter[j]);
      if (!seen[j]) {
        seen[j] = true;
        w.features(step, cfg, values, off, scratch);
      } else {
        w.features(step, cfg, seriesBuf, 0, scratch);
        if (seriesBuf[SeriesFeature.MISSING_RATIO.ordinal()] >= 1.0) {
          continue; // nothing in this series' window: it must not drag the others towards zero
        }
        if (values[off + SeriesFeature.MISSING_RATIO.ordinal()] >= 1.0) {
          System.arraycopy(seriesBuf, 0, values, off, n);
        } else {
          FeatureCombiner.combine(layout.counter[j], values, off, seriesBuf, n);
        }
      }
    }
    for (int j = 0; j < seen.length; j++) {
      if (!seen[j]) {
        values[layout.offsets[j] + SeriesFeature.MISSING_RATIO.ordinal()] = 1.0;
        values[layout.offsets[j] + SeriesFeature.STALENESS.ordinal()] = cfg.seriesTtlMs() / 1000.0;
      }
    }
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        values[i] = Double.isNaN(v) ? 0 : Math.copySign(Double.MAX_VALUE, v);
        clampedValues++;
      }
    }
    return new FeatureVector(
        component, componentLabels, step * cfg.stepMs(), layout.schema, values);
  }

  private OfferResult count(OfferResult r) {
    counts[r.ordinal()]++;
    return r;
  }

  /** True when no series is alive: the caller may drop this extractor and its state. */
  public boolean isEmpty() {
    return seriesCount == 0;
  }

  public int liveSeries() {
    return seriesCount;
  }

  /**
   * The event time at which the next step completes ({@code stepTime + allowedLateness}), or {@link
   * Long#MIN_VALUE} when nothing is pending.
   */
  public long nextEmissionMs() {
    if (seriesCount == 0) {
      return NONE;
    }
    long k = lastEmittedStep == NONE ? firstPendingStep : lastEmittedStep + 1;
    return k == NONE ? NONE : k * cfg.stepMs() + cfg.allowedLatenessMs();
  }

  /** The last step emitted, as its grid time in ms, or {@link Long#MIN_VALUE} if none yet. */
  public long lastEmittedMs() {
    return lastEmittedStep == NONE ? NONE : lastEmittedStep * cfg.stepMs();
  }

  public ExtractorStats stats() {
    return new ExtractorStats(
        counts[OfferResult.ACCEPTED.ordinal()],
        counts[OfferResult.OUT_OF_ORDER.ordinal()],
        counts[OfferResult.DUPLICATE.ordinal()],
        counts[OfferResult.SUPERSEDED.ordinal()],
        counts[OfferResult.LATE.ordinal()],
        counts[OfferResult.TOO_EARLY.ordinal()],
        counts[OfferResult.OVER_CAP.ordinal()],
        counts[OfferResult.UNKNOWN_METRIC.ordinal()],
        staleMarkers,
        expiredSeries,
        clampedValues,
        seriesCount);
  }

  /** A human-readable reason for a refused sample, for dead letters and logs. */
  public String explain(OfferResult r, MetricSample s) {
    return switch (r) {
      case LATE ->
          "late: sample at "
              + s.timestampMs()
              + " belongs to step "
              + cfg.stepOf(s.timestampMs()) * cfg.stepMs()
              + " but component "
              + component
              + " already emitted up to step "
              + lastEmittedMs()
              + " (allowed lateness "
              + cfg.allowedLatenessMs()
              + " ms)";
      case OVER_CAP ->
          "over cap: component "
              + component
              + " already has "
              + seriesCount
              + " series (maxSeriesPerComponent="
              + cfg.maxSeriesPerComponent()
              + "); new series "
              + s.seriesKey()
              + " refused";
      case TOO_EARLY ->
          "too early: sample at "
              + s.timestampMs()
              + " of "
              + s.seriesKey()
              + " is more than "
              + (cfg.ringCapacity() - cfg.windowPoints())
              + " steps ahead of the next step to emit ("
              + (lastEmittedStep == NONE
                  ? "none yet"
                  : String.valueOf((lastEmittedStep + 1) * cfg.stepMs()))
              + ")";
      case DUPLICATE ->
          "duplicate: " + s.seriesKey() + " already has a sample at " + s.timestampMs();
      case SUPERSEDED ->
          "superseded: "
              + s.seriesKey()
              + " already has a later sample in the step of "
              + s.timestampMs();
      case UNKNOWN_METRIC ->
          "unknown metric: " + s.metric() + " is not in schema " + layout.schema.name();
      case ACCEPTED, OUT_OF_ORDER -> "accepted";
    };
  }

  // --- state mapping (see ExtractorCodec) ---

  long lastEmittedStep() {
    return lastEmittedStep;
  }

  long firstPendingStep() {
    return firstPendingStep;
  }

  void restoreProgress(long lastEmitted, long firstPending, int series) {
    this.lastEmittedStep = lastEmitted;
    this.firstPendingStep = firstPending;
    this.seriesCount = series;
  }
}
