package io.augur.models.bundle;

import io.augur.models.ComponentWindow;
import io.augur.models.Json;
import io.augur.models.ProgressListener;
import io.augur.models.SyntheticData;
import io.augur.models.TrainingSet;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the golden bundle fixture of the current format: a tiny ensemble and the probabilities it
 * gives for {@link #probeWindows()}. Run once per new bundle format, never to "fix" a failing
 * {@link GoldenBundleTest}: {@code java -cp <test classpath>
 * io.augur.models.bundle.GoldenBundleWriter models/src/test/resources}.
 */
public final class GoldenBundleWriter {

  static final String NAME = "golden-bundle-v" + ModelBundle.FORMAT;

  private GoldenBundleWriter() {}

  static List<ComponentWindow> probeWindows() {
    return SyntheticData.windows(SyntheticData.set(77, 6, 64, 0)).subList(0, 40);
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    TrainingSet set = SyntheticData.set(7, 24, 96, 1);
    EnsembleTrainer.Config c =
        new EnsembleTrainer.Config(
            Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
            new IsolationForestModel.Params(16, 64, SyntheticData.STEPS),
            new RandomForestModel.Params(5, 4, 0.5, SyntheticData.STEPS),
            new LstmModel.Params(LstmModel.Mode.HORIZON, SyntheticData.STEPS, 4, 2, 0.01, 128),
            null,
            400,
            EnsembleConfig.defaults());
    Ensemble e = new EnsembleTrainer(c).train(set, 7, ProgressListener.NONE);
    Path dir = root.resolve(NAME);
    ModelBundle.save(e, dir, Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC));
    Json.write(
        root.resolve(NAME + ".expected.json"),
        Map.of("probabilities", e.probabilities(probeWindows())));
    System.out.println("wrote " + dir + " (" + Files.list(dir).count() + " files)");
  }
}
