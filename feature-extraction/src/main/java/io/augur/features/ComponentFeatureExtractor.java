package io.augur.features;

import io.augur.domain.Checks;
import io.augur.domain.FeatureSchema;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.domain.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
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
  /** Keyed by metric and the sample's own (immutable, sorted) labels: a lookup copies nothing. */
  private final Map<SeriesId, SeriesWindow> series = new HashMap<>();
  private final List<List<SeriesWindow>> byMetric;
  private long lastEmittedStep = NONE;
  private long firstPendingStep = NONE;
  final long[] counts = new long[OfferResult.values().length];
  long expiredSeries;
  long staleMarkers;
  long clampedValues;
  /** Working arrays shared by every extractor of a thread (state stays per component; scratch does not). */
  private static final ThreadLocal<WindowScratch> SCRATCH =
      ThreadLocal.withInitial(() -> new WindowScratch(FeatureConfig.MAX_WINDOW_POINTS));

  public ComponentFeatureExtractor(FeatureConfig cfg, String component, Map<String, String> componentLabels) {
    this.cfg = Checks.nonNull("cfg", cfg);
    this.component = Checks.nonBlank("component", component);
    this.componentLabels = Map.copyOf(Checks.noNullEntries("componentLabels", componentLabels));
    this.layout = FeatureLayout.of(cfg);
    this.byMetric = new ArrayList<>(cfg.metrics().size());
    for (int i = 0; i < cfg.metrics().size(); i++) {
      byMetric.add(new ArrayList<>(1));
    }
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
    SeriesWindow w = series.get(new SeriesId(s.metric(), s.labels()));
    if (w == null) {
      SeriesKey key = s.seriesKey();
      String c = ComponentKeys.componentOf(s, cfg);
      if (!c.equals(component)) {
        throw new IllegalArgumentException(
            "sample of component \"" + c + "\" offered to the extractor of \"" + component + "\": " + key);
      }
      if (series.size() >= cfg.maxSeriesPerComponent()) {
        return count(OfferResult.OVER_CAP);
      }
      w = new SeriesWindow(key, layout.counter[metric], cfg.ringCapacity());
      series.put(SeriesId.of(key), w);
      byMetric.get(metric).add(w);
    }
    long next = lastEmittedStep != NONE ? lastEmittedStep + 1 : firstPendingStep == NONE ? step : Math.min(step, firstPendingStep);
    OfferResult r = w.offer(s.timestampMs(), s.value(), cfg.stepMs(), next - cfg.windowPoints() + 1);
    if (r.accepted()) {
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
    for (; k <= maxStep; k++) {
      expire(k * cfg.stepMs());
      if (series.isEmpty()) {
        lastEmittedStep = maxStep;
        break;
      }
      for (SeriesWindow w : series.values()) {
        w.finalizeStep(k, cfg);
      }
      out.add(assemble(k));
      lastEmittedStep = k;
    }
    return out;
  }

  private void expire(long stepEndMs) {
    Iterator<SeriesWindow> it = series.values().iterator();
    while (it.hasNext()) {
      SeriesWindow w = it.next();
      if (w.maxTimestampMs() + cfg.seriesTtlMs() <= stepEndMs) {
        it.remove();
        byMetric.get(layout.metricIndex(w.key().metric())).remove(w);
        expiredSeries++;
      }
    }
  }

  /**
   * Series identity for lookups; {@code labels} is an immutable sorted map owned by a sample or a
   * key, so a lookup copies nothing. Equality walks both sorted maps in step (no tree lookups).
   */
  private static final class SeriesId {
    private final String metric;
    private final Map<String, String> labels;
    private final int hash;

    SeriesId(String metric, Map<String, String> labels) {
      this.metric = metric;
      this.labels = labels;
      this.hash = metric.hashCode() * 31 + labels.hashCode();
    }

    static SeriesId of(SeriesKey k) {
      return new SeriesId(k.metric(), k.labels());
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof SeriesId other) || other.hash != hash || !other.metric.equals(metric)
          || other.labels.size() != labels.size()) {
        return false;
      }
      Iterator<Map.Entry<String, String>> a = labels.entrySet().iterator();
      Iterator<Map.Entry<String, String>> b = other.labels.entrySet().iterator();
      while (a.hasNext()) {
        Map.Entry<String, String> x = a.next();
        Map.Entry<String, String> y = b.next();
        if (!x.getKey().equals(y.getKey()) || !x.getValue().equals(y.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  private FeatureVector assemble(long step) {
    WindowScratch scratch = SCRATCH.get();
    double[] seriesBuf = scratch.seriesBuf;
    double[] values = new double[layout.schema.size()];
    for (int j = 0; j < byMetric.size(); j++) {
      List<SeriesWindow> list = byMetric.get(j);
      int off = layout.offsets[j];
      int n = SeriesFeature.countFor(layout.counter[j]);
      if (list.isEmpty()) {
        values[off + SeriesFeature.MISSING_RATIO.ordinal()] = 1.0;
        values[off + SeriesFeature.STALENESS.ordinal()] = cfg.seriesTtlMs() / 1000.0;
        continue;
      }
      list.get(0).features(step, cfg, values, off, scratch);
      for (int i = 1; i < list.size(); i++) {
        list.get(i).features(step, cfg, seriesBuf, 0, scratch);
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
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v)) {
        values[i] = Double.isNaN(v) ? 0 : Math.copySign(Double.MAX_VALUE, v);
        clampedValues++;
      }
    }
    return new FeatureVector(component, componentLabels, step * cfg.stepMs(), layout.schema, values);
  }

  private OfferResult count(OfferResult r) {
    counts[r.ordinal()]++;
    return r;
  }

  /** True when no series is alive: the caller may drop this extractor and its state. */
  public boolean isEmpty() {
    return series.isEmpty();
  }

  public int liveSeries() {
    return series.size();
  }

  /**
   * The event time at which the next step completes ({@code stepTime + allowedLateness}), or
   * {@link Long#MIN_VALUE} when nothing is pending.
   */
  public long nextEmissionMs() {
    if (series.isEmpty()) {
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
        counts[OfferResult.ACCEPTED.ordinal()], counts[OfferResult.OUT_OF_ORDER.ordinal()],
        counts[OfferResult.DUPLICATE.ordinal()], counts[OfferResult.SUPERSEDED.ordinal()],
        counts[OfferResult.LATE.ordinal()], counts[OfferResult.TOO_EARLY.ordinal()], counts[OfferResult.OVER_CAP.ordinal()],
        counts[OfferResult.UNKNOWN_METRIC.ordinal()], staleMarkers, expiredSeries, clampedValues, series.size());
  }

  /** A human-readable reason for a refused sample, for dead letters and logs. */
  public String explain(OfferResult r, MetricSample s) {
    return switch (r) {
      case LATE -> "late: sample at " + s.timestampMs() + " belongs to step " + cfg.stepOf(s.timestampMs()) * cfg.stepMs()
          + " but component " + component + " already emitted up to step " + lastEmittedMs()
          + " (allowed lateness " + cfg.allowedLatenessMs() + " ms)";
      case OVER_CAP -> "over cap: component " + component + " already has " + series.size()
          + " series (maxSeriesPerComponent=" + cfg.maxSeriesPerComponent() + "); new series " + s.seriesKey() + " refused";
      case TOO_EARLY -> "too early: sample at " + s.timestampMs() + " of " + s.seriesKey() + " is more than "
          + (cfg.ringCapacity() - cfg.windowPoints()) + " steps ahead of the next step to emit ("
          + (lastEmittedStep == NONE ? "none yet" : String.valueOf((lastEmittedStep + 1) * cfg.stepMs())) + ")";
      case DUPLICATE -> "duplicate: " + s.seriesKey() + " already has a sample at " + s.timestampMs();
      case SUPERSEDED -> "superseded: " + s.seriesKey() + " already has a later sample in the step of " + s.timestampMs();
      case UNKNOWN_METRIC -> "unknown metric: " + s.metric() + " is not in schema " + layout.schema.name();
      case ACCEPTED, OUT_OF_ORDER -> "accepted";
    };
  }

  // --- state mapping (see ExtractorCodec) ---

  List<List<SeriesWindow>> seriesByMetric() {
    return byMetric;
  }

  long lastEmittedStep() {
    return lastEmittedStep;
  }

  long firstPendingStep() {
    return firstPendingStep;
  }

  void restoreProgress(long lastEmitted, long firstPending) {
    this.lastEmittedStep = lastEmitted;
    this.firstPendingStep = firstPending;
  }

  void restoreSeries(int metric, SeriesWindow w) {
    series.put(SeriesId.of(w.key()), w);
    byMetric.get(metric).add(w);
  }
}
