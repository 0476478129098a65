package io.augur.job;

import io.augur.domain.AlertDecider;
import io.augur.domain.AlertPolicy;
import io.augur.domain.AlertState;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.job.metrics.AugurMetrics;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by component: applies {@link AlertDecider} (the {@link AlertPolicy}) and emits firing and
 * resolved alerts. The state is cleared as soon as nothing is remembered (no active alert, no step
 * of the window above the thresholds), so a quiet component holds no state and no timers.
 */
public class AlertFunction extends KeyedProcessFunction<String, FailurePrediction, FailureAlert> {
  private static final long serialVersionUID = 1L;

  private final AlertPolicy policy;
  private transient AlertDecider decider;
  private transient ValueState<AlertDecider.State> state;
  private transient AugurMetrics metrics;

  public AlertFunction(AlertPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy"); // validated when it was built
  }

  @Override
  public void open(OpenContext ctx) {
    decider = new AlertDecider(policy);
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("alert", TypeInformation.of(AlertDecider.State.class)));
    metrics = AugurMetrics.register(getRuntimeContext().getMetricGroup(), 0);
  }

  @Override
  public void processElement(FailurePrediction p, Context ctx, Collector<FailureAlert> out)
      throws Exception {
    AlertDecider.State s = state.value();
    if (s == null) {
      s = new AlertDecider.State();
    }
    decider
        .decide(s, p)
        .ifPresent(
            alert -> {
              if (alert.state() == AlertState.FIRING) {
                metrics.alert(alert.severity());
              }
              out.collect(alert);
            });
    if (s.isIdle()) {
      state.clear();
    } else {
      state.update(s);
    }
  }
}
