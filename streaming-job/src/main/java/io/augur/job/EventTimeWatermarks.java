package io.augur.job;

import io.augur.domain.MetricSample;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks that follow the data as it arrives: each time a newer timestamp is seen, the watermark
 * moves to it minus the allowed out-of-orderness. Periodic watermarks (Flink's default, every 200
 * ms) lag far behind a replay or a backlog that runs much faster than real time, and the feature
 * windows downstream would then have to hold minutes of samples ahead of the watermark.
 */
public final class EventTimeWatermarks implements WatermarkGenerator<MetricSample> {
  private final long boundMs;
  private long maxTs = Long.MIN_VALUE;
  private long emitted = Long.MIN_VALUE;

  public EventTimeWatermarks(Duration outOfOrderness) {
    this.boundMs = outOfOrderness.toMillis();
  }

  public static WatermarkStrategy<MetricSample> strategy(Duration outOfOrderness) {
    return WatermarkStrategy.<MetricSample>forGenerator(
            ctx -> new EventTimeWatermarks(outOfOrderness))
        .withTimestampAssigner((s, previous) -> s.timestampMs());
  }

  @Override
  public void onEvent(MetricSample event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > maxTs) {
      maxTs = eventTimestamp;
      long wm = maxTs - boundMs - 1;
      if (wm > emitted) {
        emitted = wm;
        output.emitWatermark(new Watermark(wm));
      }
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    // every advance is emitted on the event that caused it
  }
}
