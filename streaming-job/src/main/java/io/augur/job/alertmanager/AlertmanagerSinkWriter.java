package io.augur.job.alertmanager;

import io.augur.domain.FailureAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The sink's writer: feeds the dispatcher, ticks it on processing-time timers, snapshots its
 * buffer.
 */
final class AlertmanagerSinkWriter implements StatefulSinkWriter<FailureAlert, List<AmAlert>> {
  private final AlertDispatcher dispatcher;
  private final ProcessingTimeService time;
  private final long tickMs;
  private volatile boolean closed;

  AlertmanagerSinkWriter(
      AlertmanagerSinkConfig config,
      ProcessingTimeService time,
      List<AmAlert> restored,
      MetricGroup metrics) {
    AlertLifecycle lifecycle = config.newLifecycle();
    lifecycle.restore(restored, time.getCurrentProcessingTime());
    List<AlertDispatcher.Poster> posters = new ArrayList<>();
    for (String url : config.urls()) {
      AlertmanagerClient c = new AlertmanagerClient(url, config.http());
      posters.add(c::post);
    }
    this.dispatcher =
        new AlertDispatcher(
            lifecycle, config.urls(), posters, config.backoff(), RandomGenerator.getDefault());
    this.time = time;
    this.tickMs = config.tickInterval().toMillis();
    if (metrics != null) {
      metrics.gauge("alertmanagerActiveAlerts", lifecycle::activeCount);
      metrics.gauge("alertmanagerBufferedResolved", lifecycle::resolvedCount);
      metrics.gauge("alertmanagerDroppedAlerts", lifecycle::dropped);
      metrics.gauge("alertmanagerDroppedResolvedAlerts", lifecycle::droppedResolved);
      metrics.gauge("alertmanagerDroppedActiveAlerts", lifecycle::droppedActive);
      metrics.gauge("alertmanagerBufferBound", lifecycle::maxAlerts);
      for (int i = 0; i < config.urls().size(); i++) {
        int idx = i;
        MetricGroup g = metrics.addGroup("alertmanager", String.valueOf(i));
        g.gauge("delivered", () -> dispatcher.delivered(idx));
        g.gauge("failedPosts", () -> dispatcher.failedPosts(idx));
        g.gauge("consecutiveFailures", () -> dispatcher.consecutiveFailures(idx));
      }
    }
    schedule();
  }

  private void schedule() {
    if (!closed) {
      time.registerTimer(
          time.getCurrentProcessingTime() + tickMs,
          now -> {
            dispatcher.dispatch(now);
            schedule();
          });
    }
  }

  @Override
  public void write(FailureAlert alert, Context context) throws InterruptedException {
    long now = time.getCurrentProcessingTime();
    dispatcher.offer(alert, now);
    dispatcher.dispatch(now);
  }

  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    dispatcher.dispatch(time.getCurrentProcessingTime());
  }

  @Override
  public List<List<AmAlert>> snapshotState(long checkpointId) {
    return List.of(dispatcher.lifecycle().snapshot());
  }

  @Override
  public void close() {
    closed = true;
  }
}
