package io.augur.job.scoring;

import io.augur.domain.AlertPolicy;
import io.augur.domain.DeadLetter;
import io.augur.domain.FailurePrediction;
import io.augur.domain.FeatureSchema;
import io.augur.job.metrics.AugurMetrics;
import io.augur.job.reload.BundleLoader;
import io.augur.job.reload.ModelAnnouncement;
import io.augur.job.reload.ModelControl;
import io.augur.job.reload.ModelHolder;
import io.augur.job.reload.ModelReload;
import io.augur.job.types.Types;
import io.augur.models.ComponentWindow;
import io.augur.models.ensemble.Ensemble;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Scores component windows with the ensemble in batches: windows are buffered and scored together
 * when the watermark advances (all components of a step arrive before it) or the buffer is full.
 * One sequence at a time the LSTM costs milliseconds; in a batch, microseconds.
 *
 * <p>The buffer is operator state, so windows buffered at a checkpoint are scored after a restore.
 * Each operator instance owns its loaded ensemble.
 *
 * <p>Hot reload: used as a two-input operator, its second input is the broadcast {@link
 * ModelControl} stream ({@link ModelReload}). An announced bundle is loaded and validated by every
 * task; a good one replaces the model (windows buffered so far are scored with the old one first)
 * and is recorded in broadcast state, so a restored job scores with it; a bad one is refused to
 * {@link #MODEL_REFUSALS} and the current model stays. The control stream's watermarks are ignored:
 * event time is the windows'.
 */
public class BatchScoringOperator extends AbstractStreamOperator<FailurePrediction>
    implements OneInputStreamOperator<ComponentWindow, FailurePrediction>,
        TwoInputStreamOperator<ComponentWindow, ModelControl, FailurePrediction> {
  private static final long serialVersionUID = 1L;

  /** Bundles that failed to load or validate, with the reason. */
  public static final OutputTag<DeadLetter> MODEL_REFUSALS =
      new OutputTag<>("model-refusals", Types.DEAD_LETTER) {
        private static final long serialVersionUID = 1L;
      };

  /** Components with a probability gauge per operator instance; more are counted, not gauged. */
  static final int MAX_GAUGED_COMPONENTS = 2000;

  private final String bundleDir;
  private final FeatureSchema schema;
  private final AlertPolicy severity;
  private final int maxBatch;
  private transient ModelHolder<Ensemble> holder;
  private transient List<ComponentWindow> buffer;
  private transient ListState<ComponentWindow> pending;
  private transient BroadcastState<String, ModelAnnouncement> current;
  private transient AugurMetrics metrics;

  public BatchScoringOperator(
      String bundleDir, FeatureSchema schema, AlertPolicy severity, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.bundleDir = bundleDir;
    this.schema = schema;
    this.severity = Objects.requireNonNull(severity, "severity");
    this.maxBatch = maxBatch;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    pending =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "pending-windows",
                    new io.augur.job.types.ExplicitTypeInfo<>(
                        ComponentWindow.class, ComponentWindowSerializer.INSTANCE)));
    current = context.getOperatorStateStore().getBroadcastState(ModelReload.DESCRIPTOR);
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
    metrics = AugurMetrics.register(getMetricGroup(), MAX_GAUGED_COMPONENTS);
    holder = new ModelHolder<>(BundleLoader.ensembles(schema, severity));
    ModelAnnouncement restored = current.get(ModelReload.CURRENT);
    long now = getProcessingTimeService().getCurrentProcessingTime();
    ModelHolder.Outcome o = null;
    if (restored != null) {
      o = holder.offer(restored, now);
      if (o.status() != ModelHolder.Status.SWAPPED) {
        LOG.warn(
            "the bundle recorded at the last checkpoint is unusable ({}); starting from {}",
            o.refusal() == null ? o.status() : o.refusal().message(),
            bundleDir);
      }
    }
    if (holder.model() == null) {
      o = holder.offer(new ModelAnnouncement(bundleDir, "", now), now);
      if (o.status() != ModelHolder.Status.SWAPPED) {
        throw new IllegalStateException("cannot score without a model: " + o.refusal().message());
      }
    }
    metrics.modelLoaded(holder.version());
  }

  /** The model this task scores with now. */
  public Ensemble ensemble() {
    return holder.model();
  }

  @Override
  public void processElement(StreamRecord<ComponentWindow> element) {
    buffer.add(element.getValue());
    if (buffer.size() >= maxBatch) {
      flush();
    }
  }

  @Override
  public void processElement1(StreamRecord<ComponentWindow> element) {
    processElement(element);
  }

  @Override
  public void processElement2(StreamRecord<ModelControl> element) throws Exception {
    ModelControl c = element.getValue();
    if (c.refusal() != null) {
      if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
        output.collect(
            MODEL_REFUSALS, new StreamRecord<>(c.refusal())); // every task sees it: report once
      }
      return;
    }
    if (c.announcement() == null) {
      return;
    }
    flush(); // what arrived before the announcement is scored by the model it arrived under
    ModelHolder.Outcome o =
        holder.offer(c.announcement(), getProcessingTimeService().getCurrentProcessingTime());
    if (o.status() == ModelHolder.Status.SWAPPED) {
      current.put(ModelReload.CURRENT, c.announcement());
      metrics.modelLoaded(o.version());
      LOG.info("now scoring with model {} from {}", o.version(), c.announcement().path());
    } else if (o.status() == ModelHolder.Status.REFUSED
        && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
      output.collect(MODEL_REFUSALS, new StreamRecord<>(o.refusal()));
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    processWatermark(mark); // event time is the windows' alone
  }

  @Override
  public void processWatermark2(Watermark mark) {
    // the control stream carries no event time
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
    List<FailurePrediction> predictions = holder.model().predict(buffer);
    long perWindow = (System.nanoTime() - t0) / predictions.size();
    for (FailurePrediction p : predictions) {
      metrics.prediction(p, perWindow);
      output.collect(new StreamRecord<>(p, p.timestampMs()));
    }
    buffer.clear();
  }
}
