package io.augur.job.features;

import io.augur.domain.DeadLetter;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.ComponentKeys;
import io.augur.features.FeatureConfig;
import io.augur.features.OfferResult;
import io.augur.job.Types;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import io.augur.features.SeriesWindow;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by component id ({@link ComponentKeySelector}): offers each sample to the component's
 * {@link ComponentFeatureExtractor}, whose progress lives in a {@code ValueState} ({@link
 * ExtractorStateSerializer}) and whose series live in a {@code MapState}, one entry per series
 * ({@link SeriesWindowSerializer}), so that on RocksDB a sample touches one series' state,
 * and emits one {@link FeatureVector} per completed step from event-time timers on the step grid
 * ({@code stepTime + allowedLateness}). Late and too-early samples go to {@link #LATE}, series over
 * the per-component cap to {@link #OVER_CAP}, each as a {@link DeadLetter} with the reason. When the
 * last series of a component expires, its state is cleared and no timer is left.
 */
public class ComponentFeatureFunction extends KeyedProcessFunction<String, MetricSample, FeatureVector> {
  private static final long serialVersionUID = 1L;

  /** Samples for steps already emitted (beyond allowed lateness) or too far ahead of the watermark. */
  public static final OutputTag<DeadLetter> LATE = new OutputTag<>("features-late", Types.DEAD_LETTER);

  /** New series refused because their component reached {@code maxSeriesPerComponent}. */
  public static final OutputTag<DeadLetter> OVER_CAP = new OutputTag<>("features-over-cap", Types.DEAD_LETTER);

  static final String STAGE = "features";

  private final FeatureConfig cfg;
  private transient ValueState<ComponentFeatureExtractor> state;
  private transient MapState<String, SeriesWindow> seriesState;
  private transient MapStateSeriesStore store;
  private transient Counter[] counters;

  public ComponentFeatureFunction(FeatureConfig cfg) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
  }

  /** The component's progress and counters, with its explicit serializer. */
  public static ValueStateDescriptor<ComponentFeatureExtractor> stateDescriptor() {
    return new ValueStateDescriptor<>("component-features", FeatureTypes.EXTRACTOR_STATE);
  }

  /** The component's series, one entry per series (canonical series key -> window). */
  public static MapStateDescriptor<String, SeriesWindow> seriesStateDescriptor() {
    return new MapStateDescriptor<>("component-series", BasicTypeInfo.STRING_TYPE_INFO, FeatureTypes.SERIES_WINDOW);
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(stateDescriptor());
    seriesState = getRuntimeContext().getMapState(seriesStateDescriptor());
    store = new MapStateSeriesStore(seriesState);
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("features");
    counters = new Counter[OfferResult.values().length];
    for (OfferResult r : OfferResult.values()) {
      counters[r.ordinal()] = group.counter(r.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public void processElement(MetricSample s, Context ctx, Collector<FeatureVector> out) throws Exception {
    ComponentFeatureExtractor e = state.value();
    if (e == null) {
      e = new ComponentFeatureExtractor(cfg, ctx.getCurrentKey(), ComponentKeys.componentLabels(s, cfg)).attach(store);
      long completesAt = cfg.stepOf(s.timestampMs()) * cfg.stepMs() + cfg.allowedLatenessMs();
      long watermark = ctx.timerService().currentWatermark();
      if (completesAt <= watermark) {
        // no state (never seen, or expired): its step is complete already, so it cannot be emitted
        counters[OfferResult.LATE.ordinal()].inc();
        ctx.output(LATE, new DeadLetter(STAGE, raw(s), OfferResult.class.getName() + "." + OfferResult.LATE.name(),
            "late: sample at " + s.timestampMs() + " of a component without live state; its step completed at "
                + completesAt + " and the watermark is " + watermark, s.timestampMs()));
        return;
      }
    } else {
      e.attach(store);
    }
    long pendingBefore = e.nextEmissionMs();
    OfferResult r = e.offer(s);
    counters[r.ordinal()].inc();
    switch (r) {
      case LATE, TOO_EARLY -> ctx.output(LATE, deadLetter(e, r, s));
      case OVER_CAP -> ctx.output(OVER_CAP, deadLetter(e, r, s));
      default -> { }
    }
    if (e.isEmpty()) {
      clear();
      return;
    }
    state.update(e);
    long next = e.nextEmissionMs();
    // one timer per pending step: onTimer chains the next, so only a new or earlier step needs one
    if (r.accepted() && next != Long.MIN_VALUE && (pendingBefore == Long.MIN_VALUE || next < pendingBefore)) {
      ctx.timerService().registerEventTimeTimer(next);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out) throws Exception {
    ComponentFeatureExtractor e = state.value();
    if (e == null) {
      return;
    }
    e.attach(store);
    for (FeatureVector v : e.advanceTo(timestamp)) {
      out.collect(v);
    }
    if (e.isEmpty()) {
      clear();
      return;
    }
    state.update(e);
    long next = e.nextEmissionMs();
    if (next > timestamp) {
      ctx.timerService().registerEventTimeTimer(next);
    }
  }

  private void clear() {
    state.clear();
    seriesState.clear();
  }

  private static String raw(MetricSample s) {
    return s.seriesKey().canonical() + " " + s.value() + " " + s.timestampMs();
  }

  private static DeadLetter deadLetter(ComponentFeatureExtractor e, OfferResult r, MetricSample s) {
    return new DeadLetter(STAGE, raw(s), OfferResult.class.getName() + "." + r.name(), e.explain(r, s), s.timestampMs());
  }
}
