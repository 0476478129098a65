package io.augur.job.reload;

import io.augur.domain.DeadLetter;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A keyed function that scores with the current model of a broadcast control stream. Announcements
 * are loaded and validated by every task ({@link ModelHolder}); a good bundle replaces the model and
 * is recorded in broadcast state, so after a restore each task reloads it on its first element; a
 * bad one goes to the {@code refusals} side output and the current model stays.
 *
 * @param <M> the model type (e.g. {@code Ensemble})
 */
public abstract class ModelAwareFunction<K, IN, OUT, M> extends KeyedBroadcastProcessFunction<K, IN, ModelControl, OUT> {
  private static final long serialVersionUID = 1L;

  private final BundleLoader<M> loader;
  private final OutputTag<DeadLetter> refusals;
  private transient ModelHolder<M> holder;

  protected ModelAwareFunction(BundleLoader<M> loader, OutputTag<DeadLetter> refusals) {
    if (loader == null || refusals == null) {
      throw new IllegalArgumentException("loader and refusals must not be null");
    }
    this.loader = loader;
    this.refusals = refusals;
  }

  private ModelHolder<M> holder() {
    if (holder == null) {
      holder = new ModelHolder<>(loader);
    }
    return holder;
  }

  /** Scores one element; {@code model} is null until a bundle has been loaded. */
  protected abstract void processWithModel(IN value, M model, String modelVersion, ReadOnlyContext ctx, Collector<OUT> out) throws Exception;

  /** Called on the task after a swap (e.g. to update the model-version metric). */
  protected void onModelSwapped(String version) {}

  @Override
  public final void processElement(IN value, ReadOnlyContext ctx, Collector<OUT> out) throws Exception {
    ModelHolder<M> h = holder();
    if (h.model() == null) {
      ReadOnlyBroadcastState<String, ModelAnnouncement> state = ctx.getBroadcastState(ModelReload.DESCRIPTOR);
      ModelAnnouncement restored = state.get(ModelReload.CURRENT);
      if (restored != null) {
        ModelHolder.Outcome o = h.offer(restored, ctx.currentProcessingTime());
        if (o.status() == ModelHolder.Status.SWAPPED) {
          onModelSwapped(o.version());
        } else if (o.refusal() != null) {
          ctx.output(refusals, o.refusal());
        }
      }
    }
    processWithModel(value, h.model(), h.version(), ctx, out);
  }

  @Override
  public final void processBroadcastElement(ModelControl c, Context ctx, Collector<OUT> out) throws Exception {
    if (c.refusal() != null) {
      if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
        ctx.output(refusals, c.refusal()); // broadcast to every task: report once
      }
      return;
    }
    if (c.announcement() == null) {
      return; // heartbeat
    }
    ModelHolder.Outcome o = holder().offer(c.announcement(), ctx.currentProcessingTime());
    switch (o.status()) {
      case SWAPPED -> {
        BroadcastState<String, ModelAnnouncement> state = ctx.getBroadcastState(ModelReload.DESCRIPTOR);
        state.put(ModelReload.CURRENT, c.announcement());
        onModelSwapped(o.version());
      }
      case REFUSED -> ctx.output(refusals, o.refusal());
      default -> {}
    }
  }
}
