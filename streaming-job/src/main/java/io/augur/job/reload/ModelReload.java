package io.augur.job.reload;

import com.fasterxml.jackson.databind.JsonNode;
import io.augur.domain.DeadLetter;
import io.augur.json.Wire;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Hot model reload, the Flink side: control streams of {@link ModelControl} from a watched
 * directory or a Kafka control topic, and the broadcast state descriptor that the scoring operator
 * ({@code io.augur.job.scoring.BatchScoringOperator}, the one reload path) keeps the current bundle
 * in, so a restored task reloads the same bundle.
 *
 * <pre>{@code
 * DataStream<ModelControl> controls = ModelReload.watchDirectory(env, Path.of("/models"), Duration.ofSeconds(10), loader);
 * predictions = windows.connect(controls.broadcast(ModelReload.DESCRIPTOR)).transform("score", type, scoringOperator);
 * }</pre>
 */
public final class ModelReload {
  public static final TypeInformation<ModelControl> CONTROL_TYPE =
      TypeInformation.of(ModelControl.class);
  public static final MapStateDescriptor<String, ModelAnnouncement> DESCRIPTOR =
      new MapStateDescriptor<>(
          "augur-model", Types.STRING, TypeInformation.of(ModelAnnouncement.class));

  /** The broadcast-state key of the bundle every task scores with. */
  public static final String CURRENT = "current";

  private ModelReload() {}

  /**
   * Polls {@code root} every {@code interval}; good new bundles are announced, bad ones refused
   * (parallelism 1).
   */
  public static <M> DataStream<ModelControl> watchDirectory(
      StreamExecutionEnvironment env, Path root, Duration interval, BundleLoader<M> validator) {
    String dir = root.toString();
    DataGeneratorSource<ModelControl> source =
        new DataGeneratorSource<>(
            new Poll<>(dir, validator),
            Long.MAX_VALUE,
            RateLimiterStrategy.perSecond(1000.0 / Math.max(1, interval.toMillis())),
            CONTROL_TYPE);
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "model bundles " + dir)
        .setParallelism(1)
        .uid("model-bundle-watch");
  }

  /**
   * Control-topic messages {@code {"path": "/models/v7", "version": "v7"}} to controls; a bad
   * message is a refusal.
   */
  public static DataStream<ModelControl> fromControlTopic(DataStream<String> messages) {
    return messages
        .map(ModelReload::parseControl)
        .returns(CONTROL_TYPE)
        .name("model control messages");
  }

  static ModelControl parseControl(String json) {
    long now = System.currentTimeMillis();
    try {
      JsonNode n = Wire.RECORDS.readTree(json);
      if (n == null || !n.path("path").isTextual()) {
        throw new IllegalArgumentException("control message needs a string field \"path\"");
      }
      return ModelControl.announce(
          new ModelAnnouncement(n.path("path").asText(), n.path("version").asText(""), now));
    } catch (Exception e) {
      return ModelControl.refuse(
          new DeadLetter(
              ModelHolder.STAGE,
              String.valueOf(json),
              e.getClass().getName(),
              String.valueOf(e.getMessage()),
              now));
    }
  }

  /** The generator: one directory poll per call. */
  static final class Poll<M> implements GeneratorFunction<Long, ModelControl> {
    private static final long serialVersionUID = 1L;
    private final String dir;
    private final BundleLoader<M> validator;
    private transient BundleDirectoryWatcher<M> watcher;

    Poll(String dir, BundleLoader<M> validator) {
      this.dir = dir;
      this.validator = validator;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
      watcher = new BundleDirectoryWatcher<>(Path.of(dir), validator);
    }

    @Override
    public ModelControl map(Long index) {
      if (watcher == null) {
        open(null);
      }
      return watcher.poll(System.currentTimeMillis()).orElse(ModelControl.HEARTBEAT);
    }
  }
}
