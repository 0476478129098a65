package io.augur.training.sources;

import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Small generated inputs in NAB's and SMD's layouts, and a trainer small enough for unit tests. */
public final class TestHistories {
  private static final DateTimeFormatter NAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private TestHistories() {}

  /** A NAB-layout CSV: a daily wave plus noise, one row every 5 minutes from 2014-07-01. */
  public static Path nabFile(Path dir, String category, String name, int rows, long seed)
      throws IOException {
    Path d = Files.createDirectories(dir.resolve(category));
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    long t0 = Instant.parse("2014-07-01T00:00:00Z").toEpochMilli();
    for (int i = 0; i < rows; i++) {
      double v = 100 + 20 * Math.sin(2 * Math.PI * i / 288.0) + 3 * r.nextGaussian();
      sb.append(NAB_TIME.format(Instant.ofEpochMilli(t0 + i * 300_000L)))
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", v))
          .append('\n');
    }
    return Files.writeString(d.resolve(name + ".csv"), sb.toString());
  }

  /**
   * An SMD-layout directory: {@code train/<machine>.txt} with {@code metrics} columns in [0, 1].
   */
  public static Path smdDir(Path dir, int metrics, int rows, String... machines)
      throws IOException {
    Files.createDirectories(dir.resolve("train"));
    for (String m : machines) {
      Random r = new Random(m.hashCode());
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < metrics; j++) {
          double v =
              j == metrics - 1
                  ? 0
                  : 0.3
                      + 0.1 * j / metrics
                      + 0.05 * Math.sin(i / (10.0 + j))
                      + 0.01 * r.nextGaussian();
          sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", v));
        }
        sb.append('\n');
      }
      Files.writeString(dir.resolve("train").resolve(m + ".txt"), sb.toString());
    }
    return dir;
  }

  /** The three members, small: trains in seconds on a few thousand windows. */
  public static EnsembleTrainer.Config quickTrainer() {
    return new EnsembleTrainer.Config(
        Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
        new IsolationForestModel.Params(20, 64, 8),
        new RandomForestModel.Params(10, 5, 0.5, 8),
        new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 2, 0.01, 64),
        null,
        400,
        EnsembleConfig.defaults());
  }
}
