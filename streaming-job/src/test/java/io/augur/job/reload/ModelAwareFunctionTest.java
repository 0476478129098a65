package io.augur.job.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.domain.DeadLetter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAwareFunctionTest {
  static final OutputTag<DeadLetter> REFUSALS = new OutputTag<>("refusals", io.augur.job.types.Types.DEAD_LETTER);

  /** Scores by tagging the element with the model that scored it. */
  static final class Tag extends ModelAwareFunction<String, String, String, String> {
    Tag() {
      super(TextBundles.LOADER, REFUSALS);
    }

    @Override
    protected void processWithModel(String value, String model, String version, ReadOnlyContext ctx, Collector<String> out) {
      out.collect(value + ":" + (model == null ? "none" : model));
    }
  }

  private static KeyedBroadcastOperatorTestHarness<String, String, ModelControl, String> harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new Tag(), v -> v, Types.STRING, ModelReload.DESCRIPTOR);
  }

  private static List<String> values(KeyedBroadcastOperatorTestHarness<String, String, ModelControl, String> h) {
    List<String> out = new ArrayList<>();
    for (Object o : h.getOutput()) {
      if (o instanceof StreamRecord<?> r) {
        out.add((String) r.getValue());
      }
    }
    return out;
  }

  @Test
  void shouldSwapModelsWithoutRestartRefuseABadOneAndReloadAfterRestore(@TempDir Path root) throws Exception {
    Path v1 = TextBundles.write(root, "v1", true, 1);
    Path v2 = TextBundles.write(root, "v2", false, 2);
    Path v3 = TextBundles.write(root, "v3", true, 3);
    OperatorSubtaskState snapshot;
    try (var h = harness()) {
      h.processElement(new StreamRecord<>("a", 1));
      h.processBroadcastElement(new StreamRecord<>(ModelControl.announce(new ModelAnnouncement(v1.toString(), "v1", 1)), 2));
      h.processElement(new StreamRecord<>("b", 3));
      h.processBroadcastElement(new StreamRecord<>(ModelControl.announce(new ModelAnnouncement(v2.toString(), "v2", 4)), 4));
      h.processElement(new StreamRecord<>("c", 5));
      h.processBroadcastElement(new StreamRecord<>(ModelControl.HEARTBEAT, 6));
      assertEquals(List.of("a:none", "b:model-v1", "c:model-v1"), values(h));
      var refusals = h.getSideOutput(REFUSALS);
      assertEquals(1, refusals.size());
      assertTrue(refusals.peek().getValue().message().contains("keeping model v1"), refusals.peek().getValue().message());
      snapshot = h.snapshot(1, 7);
    }
    try (var h = new KeyedBroadcastOperatorTestHarness<String, String, ModelControl, String>(
        new CoBroadcastWithKeyedOperator<>(new Tag(), List.of(ModelReload.DESCRIPTOR)), v -> v, Types.STRING, 128, 1, 0)) {
      h.setup();
      h.initializeState(snapshot);
      h.open();
      h.processElement(new StreamRecord<>("d", 8));
      h.processBroadcastElement(new StreamRecord<>(ModelControl.announce(new ModelAnnouncement(v3.toString(), "v3", 9)), 9));
      h.processElement(new StreamRecord<>("e", 10));
      assertEquals(List.of("d:model-v1", "e:model-v3"), values(h), "the restored task reloads v1 from broadcast state");
    }
  }
}
