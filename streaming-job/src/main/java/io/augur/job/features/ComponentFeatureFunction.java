package io.augur.job.features;

import io.augur.domain.DeadLetter;
import io.augur.domain.FeatureVector;
import io.augur.domain.MetricSample;
import io.augur.features.ComponentFeatureExtractor;
import io.augur.features.ComponentKeys;
import io.augur.features.FeatureConfig;
import io.augur.features.OfferResult;
import io.augur.features.SeriesWindow;
import io.augur.job.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by component id ({@link ComponentKeySelector}): offers each sample to the component's
 * {@link ComponentFeatureExtractor}, whose progress lives in a {@code ValueState} ({@link
 * ExtractorStateSerializer}) and whose series live in a {@code MapState}, one entry per series
 * ({@link SeriesWindowSerializer}), so that on RocksDB a sample touches one series' state, and
 * emits one {@link FeatureVector} per completed step from event-time timers on the step grid
 * ({@code stepTime + allowedLateness}). Late samples go to {@link #LATE}, series over the
 * per-component cap to {@link #OVER_CAP}, each as a {@link DeadLetter} with the reason.
 *
 * <p>A sample too far ahead of the watermark for its series' ring (one Kafka partition racing ahead
 * of the others, say) is parked in keyed state, up to {@link #DEFAULT_MAX_PARKED} per component,
 * and offered again each time the component's watermark moves; only a sample that finds the park
 * full goes to {@link #LATE} as too early. When the last series of a component expires, its state
 * is cleared (parked samples that still do not fit are dead-lettered) and no timer is left.
 */
public class ComponentFeatureFunction
    extends KeyedProcessFunction<String, MetricSample, FeatureVector> {
  private static final long serialVersionUID = 1L;

  /**
   * Samples for steps already emitted (beyond allowed lateness) or too far ahead of the watermark.
   */
  public static final OutputTag<DeadLetter> LATE =
      new OutputTag<>("features-late", Types.DEAD_LETTER);

  /** New series refused because their component reached {@code maxSeriesPerComponent}. */
  public static final OutputTag<DeadLetter> OVER_CAP =
      new OutputTag<>("features-over-cap", Types.DEAD_LETTER);

  static final String STAGE = "features";

  /**
   * Samples parked per component while too far ahead of the watermark (~100 B each: at most ~400
   * KiB).
   */
  public static final int DEFAULT_MAX_PARKED = 4096;

  private final FeatureConfig cfg;
  private final int maxParked;
  private transient ListState<MetricSample> parked;
  private transient ValueState<Integer> parkedCount;
  private transient Counter parkedCounter;
  private transient ValueState<ComponentFeatureExtractor> state;
  private transient MapState<String, SeriesWindow> seriesState;
  private transient MapStateSeriesStore store;
  private transient Counter[] counters;

  public ComponentFeatureFunction(FeatureConfig cfg) {
    this(cfg, DEFAULT_MAX_PARKED);
  }

  /** With {@code maxParked} too-early samples kept per component (0: dead-letter them at once). */
  public ComponentFeatureFunction(FeatureConfig cfg, int maxParked) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    if (maxParked < 0) {
      throw new IllegalArgumentException("maxParked must be >= 0, got " + maxParked);
    }
    this.maxParked = maxParked;
  }

  /** Too-early samples waiting for room in their series' ring. */
  public static ListStateDescriptor<MetricSample> parkedStateDescriptor() {
    return new ListStateDescriptor<>("component-parked", FeatureTypes.METRIC_SAMPLE);
  }

  /** The component's progress and counters, with its explicit serializer. */
  public static ValueStateDescriptor<ComponentFeatureExtractor> stateDescriptor() {
    return new ValueStateDescriptor<>("component-features", FeatureTypes.EXTRACTOR_STATE);
  }

  /** The component's series, one entry per series (canonical series key -> window). */
  public static MapStateDescriptor<String, SeriesWindow> seriesStateDescriptor() {
    return new MapStateDescriptor<>(
        "component-series", BasicTypeInfo.STRING_TYPE_INFO, FeatureTypes.SERIES_WINDOW);
  }

  @Override
  public void open(OpenContext ctx) {
    state = getRuntimeContext().getState(stateDescriptor());
    seriesState = getRuntimeContext().getMapState(seriesStateDescriptor());
    store = new MapStateSeriesStore(seriesState);
    parked = getRuntimeContext().getListState(parkedStateDescriptor());
    parkedCount =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("component-parked-count", BasicTypeInfo.INT_TYPE_INFO));
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("features");
    parkedCounter = group.counter("parked");
    counters = new Counter[OfferResult.values().length];
    for (OfferResult r : OfferResult.values()) {
      counters[r.ordinal()] = group.counter(r.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public void processElement(MetricSample s, Context ctx, Collector<FeatureVector> out)
      throws Exception {
    ComponentFeatureExtractor e = state.value();
    if (e == null) {
      e =
          new ComponentFeatureExtractor(
                  cfg, ctx.getCurrentKey(), ComponentKeys.componentLabels(s, cfg))
              .attach(store);
      long completesAt = cfg.stepOf(s.timestampMs()) * cfg.stepMs() + cfg.allowedLatenessMs();
      long watermark = ctx.timerService().currentWatermark();
      if (completesAt <= watermark) {
        // no state (never seen, or expired): its step is complete already, so it cannot be emitted
        counters[OfferResult.LATE.ordinal()].inc();
        ctx.output(
            LATE,
            new DeadLetter(
                STAGE,
                raw(s),
                OfferResult.class.getName() + "." + OfferResult.LATE.name(),
                "late: sample at "
                    + s.timestampMs()
                    + " of a component without live state; its step completed at "
                    + completesAt
                    + " and the watermark is "
                    + watermark,
                s.timestampMs()));
        return;
      }
    } else {
      e.attach(store);
    }
    long pendingBefore = e.nextEmissionMs();
    OfferResult r = e.offer(s);
    counters[r.ordinal()].inc();
    switch (r) {
      case LATE -> ctx.output(LATE, deadLetter(e, r, s));
      case TOO_EARLY -> park(e, s, ctx);
      case OVER_CAP -> ctx.output(OVER_CAP, deadLetter(e, r, s));
      default -> {}
    }
    if (e.isEmpty()) {
      clear(e, ctx);
      return;
    }
    state.update(e);
    long next = e.nextEmissionMs();
    // one timer per pending step: onTimer chains the next, so only a new or earlier step needs one
    if (r.accepted()
        && next != Long.MIN_VALUE
        && (pendingBefore == Long.MIN_VALUE || next < pendingBefore)) {
      ctx.timerService().registerEventTimeTimer(next);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureVector> out)
      throws Exception {
    ComponentFeatureExtractor e = state.value();
    if (e == null) {
      return;
    }
    e.attach(store);
    for (FeatureVector v : e.advanceTo(timestamp)) {
      out.collect(v);
    }
    retryParked(e, ctx);
    if (e.isEmpty()) {
      clear(e, ctx);
      return;
    }
    state.update(e);
    long next = e.nextEmissionMs();
    if (next > timestamp) {
      ctx.timerService().registerEventTimeTimer(next);
    }
  }

  private void park(ComponentFeatureExtractor e, MetricSample s, Context ctx) throws Exception {
    int n = parkedCount.value() == null ? 0 : parkedCount.value();
    if (n >= maxParked) {
      ctx.output(
          LATE,
          new DeadLetter(
              STAGE,
              raw(s),
              OfferResult.class.getName() + "." + OfferResult.TOO_EARLY.name(),
              e.explain(OfferResult.TOO_EARLY, s)
                  + "; the component's park of "
                  + maxParked
                  + " early samples is full",
              s.timestampMs()));
      return;
    }
    parked.add(s);
    parkedCount.update(n + 1);
    parkedCounter.inc();
  }

  /**
   * Offers the parked samples again after the watermark moved; those still too early stay parked.
   */
  private void retryParked(ComponentFeatureExtractor e, Context ctx) throws Exception {
    Integer n = parkedCount.value();
    if (n == null || n == 0) {
      return;
    }
    List<MetricSample> still = new ArrayList<>();
    for (MetricSample s : parked.get()) {
      OfferResult r = e.offer(s);
      counters[r.ordinal()].inc();
      switch (r) {
        case TOO_EARLY -> still.add(s);
        case LATE -> ctx.output(LATE, deadLetter(e, r, s));
        case OVER_CAP -> ctx.output(OVER_CAP, deadLetter(e, r, s));
        default -> {}
      }
    }
    if (still.isEmpty()) {
      parked.clear();
      parkedCount.clear();
    } else if (still.size() != n) {
      parked.update(still);
      parkedCount.update(still.size());
    }
  }

  private void clear(ComponentFeatureExtractor e, Context ctx) throws Exception {
    Integer n = parkedCount.value();
    if (n != null && n > 0) {
      for (MetricSample s : parked.get()) {
        ctx.output(
            LATE,
            new DeadLetter(
                STAGE,
                raw(s),
                OfferResult.class.getName() + "." + OfferResult.TOO_EARLY.name(),
                e.explain(OfferResult.TOO_EARLY, s)
                    + "; every series of the component expired while it was parked",
                s.timestampMs()));
      }
    }
    state.clear();
    seriesState.clear();
    parked.clear();
    parkedCount.clear();
  }

  private static String raw(MetricSample s) {
    return s.seriesKey().canonical() + " " + s.value() + " " + s.timestampMs();
  }

  private static DeadLetter deadLetter(ComponentFeatureExtractor e, OfferResult r, MetricSample s) {
    return new DeadLetter(
        STAGE,
        raw(s),
        OfferResult.class.getName() + "." + r.name(),
        e.explain(r, s),
        s.timestampMs());
  }
}
