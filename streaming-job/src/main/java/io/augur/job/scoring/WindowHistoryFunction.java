package io.augur.job.scoring;

import io.augur.domain.FeatureVector;
import io.augur.job.features.FeatureTypes;
import io.augur.models.ComponentWindow;
import io.augur.models.WindowRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by component: keeps its last {@code steps} feature vectors and emits the window ending at
 * each new vector, by the {@link WindowRule} training uses too. A gap longer than one step starts
 * the history afresh: a window never spans a gap. So once event time has passed a component's last
 * vector by more than one step plus the delay with which vectors arrive behind event time ({@code
 * emitDelayMs}: the feature operator emits a step's vector only when the watermark passes the
 * step's end plus its allowed lateness), the next vector can only start afresh, and a timer then
 * clears the history: a component that goes away (a pod replaced, a series gone) leaves no state
 * behind, and the windows are the same as without it.
 */
public class WindowHistoryFunction
    extends KeyedProcessFunction<String, FeatureVector, ComponentWindow> {
  private static final long serialVersionUID = 1L;

  private final WindowRule rule;
  private final long stepMs;
  private final long emitDelayMs;
  private transient ListState<FeatureVector> history;

  /**
   * @param emitDelayMs how far behind event time vectors arrive at most (the feature step plus its
   *     allowed lateness)
   */
  public WindowHistoryFunction(int steps, long stepMs, long emitDelayMs) {
    if (steps < 1 || stepMs < 1) {
      throw new IllegalArgumentException(
          "steps and stepMs must be >= 1, got " + steps + ", " + stepMs);
    }
    if (emitDelayMs < 0) {
      throw new IllegalArgumentException("emitDelayMs must be >= 0, got " + emitDelayMs);
    }
    this.rule = new WindowRule(steps, stepMs);
    this.stepMs = stepMs;
    this.emitDelayMs = emitDelayMs;
  }

  @Override
  public void open(OpenContext ctx) {
    history =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("history", FeatureTypes.FEATURE_VECTOR));
  }

  @Override
  public void processElement(FeatureVector v, Context ctx, Collector<ComponentWindow> out)
      throws Exception {
    List<FeatureVector> before = new ArrayList<>();
    for (FeatureVector old : history.get()) {
      before.add(old);
    }
    List<FeatureVector> recent = rule.append(before, v);
    if (recent == null) {
      return; // a replayed or out-of-order vector: the window for it was already emitted
    }
    history.update(recent);
    ctx.timerService().registerEventTimeTimer(v.timestampMs() + stepMs + emitDelayMs + 1);
    out.collect(ComponentWindow.of(recent));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComponentWindow> out)
      throws Exception {
    FeatureVector last = null;
    for (FeatureVector v : history.get()) {
      last = v;
    }
    if (last != null && timestamp > last.timestampMs() + stepMs + emitDelayMs) {
      history.clear(); // the next vector would start afresh anyway
    }
  }
}
