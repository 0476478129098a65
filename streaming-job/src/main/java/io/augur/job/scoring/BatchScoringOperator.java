package io.augur.job.scoring;

import io.augur.domain.FailurePrediction;
import io.augur.models.ComponentWindow;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores component windows with the ensemble in batches: windows are buffered and scored together
 * when the watermark advances (all components of a step arrive before it) or the buffer is full.
 * One sequence at a time the LSTM costs milliseconds; in a batch, microseconds.
 *
 * <p>The buffer is operator state, so windows buffered at a checkpoint are scored after a restore.
 * Each operator instance owns its loaded ensemble (scoring is thread-safe, but nothing is shared).
 */
public class BatchScoringOperator extends AbstractStreamOperator<FailurePrediction>
    implements OneInputStreamOperator<ComponentWindow, FailurePrediction> {
  private static final long serialVersionUID = 1L;

  /** Components with a probability gauge per operator instance; more are counted, not gauged. */
  static final int MAX_GAUGED_COMPONENTS = 2000;

  private final String bundleDir;
  private final int maxBatch;
  private transient Ensemble ensemble;
  private transient List<ComponentWindow> buffer;
  private transient ListState<ComponentWindow> pending;
  private transient io.augur.job.ops.AugurMetrics metrics;

  public BatchScoringOperator(String bundleDir, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.bundleDir = bundleDir;
    this.maxBatch = maxBatch;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    pending = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>("pending-windows", new io.augur.job.features.ExplicitTypeInfo<>(
            ComponentWindow.class, ComponentWindowSerializer.INSTANCE)));
    buffer = new ArrayList<>();
    if (context.isRestored()) {
      for (ComponentWindow w : pending.get()) {
        buffer.add(w);
      }
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    ensemble = ModelBundle.load(Path.of(bundleDir));
    metrics = io.augur.job.ops.AugurMetrics.register(getMetricGroup(), MAX_GAUGED_COMPONENTS);
    metrics.modelLoaded(ensemble.version());
  }

  @Override
  public void processElement(StreamRecord<ComponentWindow> element) {
    buffer.add(element.getValue());
    if (buffer.size() >= maxBatch) {
      flush();
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    pending.update(buffer);
  }

  private void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    List<FailurePrediction> predictions = ensemble.predict(buffer);
    long perWindow = (System.nanoTime() - t0) / predictions.size();
    for (FailurePrediction p : predictions) {
      metrics.prediction(p, perWindow);
      output.collect(new StreamRecord<>(p, p.timestampMs()));
    }
    buffer.clear();
  }

  public Ensemble ensemble() {
    return ensemble;
  }
}
