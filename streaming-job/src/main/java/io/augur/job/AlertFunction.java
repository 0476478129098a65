package io.augur.job;

import io.augur.domain.AlertPolicy;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by component: applies {@link AlertDecider} (the {@link AlertPolicy}) and emits firing and
 * resolved alerts.
 */
public class AlertFunction extends KeyedProcessFunction<String, FailurePrediction, FailureAlert> {
  private static final long serialVersionUID = 1L;

  private final AlertPolicy policy;
  private transient AlertDecider decider;
  private transient ValueState<AlertDecider.State> state;
  private transient io.augur.job.metrics.AugurMetrics metrics;

  public AlertFunction(AlertPolicy policy) {
    this.policy = java.util.Objects.requireNonNull(policy, "policy"); // validated when it was built
  }

  @Override
  public void open(OpenContext ctx) {
    decider = new AlertDecider(policy);
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("alert", TypeInformation.of(AlertDecider.State.class)));
    metrics = io.augur.job.metrics.AugurMetrics.register(getRuntimeContext().getMetricGroup(), 0);
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
              if (alert.state() == io.augur.domain.AlertState.FIRING) {
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
