package io.augur.job.skeleton;

import io.augur.domain.FailurePrediction;
import io.augur.domain.MetricSample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by component: folds each sample into {@link SkeletonScorer}'s state and, when the watermark
 * passes a scrape timestamp, emits the component's prediction for that step. A component that sends
 * nothing for {@link #IDLE_MS} of event time (the slow baseline's horizon) is forgotten: its state
 * is cleared by a cleanup timer, so a fleet whose components come and go does not grow the state.
 */
public class SkeletonScoringFunction
    extends KeyedProcessFunction<String, MetricSample, FailurePrediction> {
  private static final long serialVersionUID = 1L;

  /** Event time after a component's last sample at which its state is dropped. */
  public static final long IDLE_MS = 60 * 60_000L;

  private final List<String> metrics;
  private final List<String> componentLabels;
  private transient SkeletonScorer scorer;
  private transient ValueState<SkeletonState> state;

  public SkeletonScoringFunction(List<String> metrics, List<String> componentLabels) {
    this.metrics = List.copyOf(metrics);
    this.componentLabels = List.copyOf(componentLabels);
  }

  @Override
  public void open(OpenContext ctx) {
    scorer = new SkeletonScorer(metrics);
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("skeleton", TypeInformation.of(SkeletonState.class)));
  }

  @Override
  public void processElement(MetricSample s, Context ctx, Collector<FailurePrediction> out)
      throws Exception {
    if (s.stale()) {
      return;
    }
    SkeletonState st = state.value();
    if (st == null) {
      st = SkeletonState.forSlots(scorer.slots());
    }
    if (scorer.update(st, s.metric(), s.metric().endsWith("_total"), s.timestampMs(), s.value())) {
      if (s.timestampMs() > st.lastSeenMs) {
        // exactly one cleanup timer per component, always IDLE_MS after its newest sample
        if (st.lastSeenMs >= 0) {
          ctx.timerService().deleteEventTimeTimer(st.lastSeenMs + IDLE_MS);
        }
        st.lastSeenMs = s.timestampMs();
        ctx.timerService().registerEventTimeTimer(st.lastSeenMs + IDLE_MS);
      }
      state.update(st);
      ctx.timerService().registerEventTimeTimer(s.timestampMs());
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FailurePrediction> out)
      throws Exception {
    SkeletonState st = state.value();
    if (st == null) {
      return;
    }
    if (timestamp == st.lastSeenMs + IDLE_MS) {
      state.clear(); // nothing arrived since; a scrape timestamp is never this far after the newest
      // sample
      return;
    }
    out.collect(scorer.predict(st, ctx.getCurrentKey(), labelsOf(ctx.getCurrentKey()), timestamp));
  }

  private Map<String, String> labelsOf(String component) {
    String[] parts = component.split("/", -1);
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < componentLabels.size() && i < parts.length; i++) {
      m.put(componentLabels.get(i), parts[i]);
    }
    return m;
  }
}
