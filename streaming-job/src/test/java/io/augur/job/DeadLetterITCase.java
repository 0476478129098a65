package io.augur.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.domain.DeadLetter;
import io.augur.domain.FailurePrediction;
import io.augur.job.sinks.LineSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad records go to the dead-letter output with their reason, and the job keeps processing. */
class DeadLetterITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path out;

  @Test
  void shouldDeadLetterBadRecordsWithReasonAndKeepScoringGoodOnes() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String ts = java.time.Instant.ofEpochSecond(1_767_571_200L + 15L * i).toString();
      lines.add(
          "{\"timestamp\":\""
              + ts
              + "\",\"value\":\"0.25\",\"name\":\"process_cpu_usage_ratio\","
              + "\"labels\":{\"job\":\"api\",\"instance\":\"api-0:8080\"}}");
    }
    Map<String, String> bad =
        Map.of(
            "{\"timestamp\":\"2026-01-05T00:00:00Z\",\"value\":\"NaN-ish\",\"name\":\"x\",\"labels\":{}}",
                "is not a number",
            "{\"timestamp\":\"2026-01-05T00:00:00Z\",\"value\":\"+Inf\",\"name\":\"x\",\"labels\":{}}",
                "must be finite",
            "{\"timestamp\":\"1969-12-31T23:00:00Z\",\"value\":\"1\",\"name\":\"x\",\"labels\":{}}",
                "before 1970",
            "{\"timestamp\":\"2026-01-05T00:00:00Z\",\"value\":\"1\",\"name\":\"\",\"labels\":{}}",
                "empty metric name",
            "{\"timestamp\":\"2026-01-05T00:00:00Z\",\"value\":1,\"name\":\"x\"}",
                "must be a string",
            "not json at all", "malformed JSON");
    int at = 10;
    for (String b : bad.keySet()) {
      lines.add(at, b);
      at += 15;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    AugurJob.Outputs outputs =
        new AugurJob.Outputs(
            List.of(LineSink.jsonLinesTo(out.resolve("alerts.jsonl"))),
            LineSink.jsonLinesTo(out.resolve("dead.jsonl")),
            LineSink.jsonLinesTo(out.resolve("predictions.jsonl")));
    AugurJob.Input input =
        e ->
            AugurJob.Inputs.fromRawJson(
                e.fromData(lines)
                    .setParallelism(1)
                    .assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks()));
    new AugurJob(input, outputs, JobSettings.defaults()).build(env);
    env.execute("dead-letter test");

    ObjectMapper json = new ObjectMapper();
    List<DeadLetter> dead = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve("dead.jsonl"))) {
      dead.add(json.readValue(l, DeadLetter.class));
    }
    Map<String, DeadLetter> byRaw =
        dead.stream().collect(Collectors.toMap(DeadLetter::rawInput, Function.identity()));
    assertEquals(bad.keySet(), byRaw.keySet());
    bad.forEach(
        (raw, reason) ->
            assertTrue(
                byRaw.get(raw).message().contains(reason),
                "dead letter for "
                    + raw
                    + " should say '"
                    + reason
                    + "' but says '"
                    + byRaw.get(raw).message()
                    + "'"));
    // the 120 good samples all reached scoring: one prediction per scrape step of the one component
    List<FailurePrediction> preds = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve("predictions.jsonl"))) {
      preds.add(json.readValue(l, FailurePrediction.class));
    }
    assertEquals(120, preds.size());
    assertTrue(preds.stream().allMatch(p -> p.component().equals("api/api-0:8080")));
  }
}
