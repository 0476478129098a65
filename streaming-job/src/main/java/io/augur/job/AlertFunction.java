package io.augur.job;

import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import io.augur.job.metrics.AugurMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** Keyed by component: applies {@link AlertDecider} and emits firing and resolved alerts. */
public class AlertFunction extends KeyedProcessFunction<String, FailurePrediction, FailureAlert> {
  private static final long serialVersionUID = 1L;

  private final double mediumAt;
  private final double highAbove;
  private final double hysteresis;
  private final int forSteps;
  private transient AlertDecider decider;
  private transient ValueState<AlertDecider.State> state;
  private transient io.augur.job.metrics.AugurMetrics metrics;

  public AlertFunction(double mediumAt, double highAbove, double hysteresis, int forSteps) {
    new AlertDecider(mediumAt, highAbove, hysteresis, forSteps); // validate early, on the client
    this.mediumAt = mediumAt;
    this.highAbove = highAbove;
    this.hysteresis = hysteresis;
    this.forSteps = forSteps;
  }

  @Override
  public void open(OpenContext ctx) {
    decider = new AlertDecider(mediumAt, highAbove, hysteresis, forSteps);
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("alert", TypeInformation.of(AlertDecider.State.class)));
    metrics = io.augur.job.metrics.AugurMetrics.register(getRuntimeContext().getMetricGroup(), 0);
  }

  @Override
  public void processElement(FailurePrediction p, Context ctx, Collector<FailureAlert> out) throws Exception {
    AlertDecider.State s = state.value();
    if (s == null) {
      s = new AlertDecider.State();
    }
    decider.decide(s, p).ifPresent(alert -> {
      if (alert.state() == io.augur.domain.AlertState.FIRING) {
        metrics.alert(alert.severity());
      }
      out.collect(alert);
    });
    if (s.severity == null && s.above == 0) {
      state.clear();
    } else {
      state.update(s);
    }
  }
}
