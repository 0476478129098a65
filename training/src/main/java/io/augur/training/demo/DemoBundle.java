package io.augur.training.demo;

import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.models.ProgressListener;
import io.augur.models.TrainingSet;
import io.augur.models.bundle.BundleException;
import io.augur.models.bundle.ModelBundle;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.ensemble.EnsembleTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** Trains (or reuses) the model bundle the demo scores with, from simulated training fleets. */
public final class DemoBundle {

  /** What to train on. */
  public record Spec(
      int fleets, long baseSeed, double hours, int windowSteps, int normalStride, long seed) {
    public Spec {
      if (fleets < 1 || hours <= 0 || windowSteps < 1 || normalStride < 1) {
        throw new IllegalArgumentException(
            "fleets, hours, windowSteps and normalStride must be positive");
      }
    }

    /** Four 8-hour fleets (seeds 1000-1003; the demo runs seed 42), windows of 8 steps. */
    public static Spec defaults() {
      return new Spec(4, 1000, 8, 8, 4, 7);
    }
  }

  private DemoBundle() {}

  /**
   * Returns the bundle at {@code dir}, training and saving it first when it is missing or unusable.
   */
  public static Ensemble ensure(Path dir, Spec spec, ProgressListener progress, PrintStream log)
      throws IOException {
    if (Files.exists(dir.resolve(ModelBundle.MANIFEST))) {
      try {
        return ModelBundle.load(dir, FeatureSchemas.of(FeatureConfig.demoFleet()));
      } catch (BundleException e) {
        log.println(
            "augur: the bundle in "
                + dir
                + " is unusable ("
                + e.getMessage()
                + "); training a new one");
      }
    }
    log.println(
        "augur: training the demo model bundle (first run; reused afterwards from " + dir + ")");
    Ensemble e = train(spec, progress);
    save(e, dir);
    log.println(
        "augur: bundle " + e.version() + " written to " + dir + " " + describe(e.validation()));
    return e;
  }

  public static Ensemble train(Spec spec, ProgressListener progress) {
    FeatureConfig cfg = FeatureConfig.demoFleet();
    long steps = Math.round(spec.hours() * 3_600_000 / cfg.stepMs());
    TrainingSet set =
        DemoTrainingSet.build(
            DemoTrainingSet.trainingFleets(spec.fleets(), spec.baseSeed(), steps),
            cfg,
            spec.windowSteps(),
            spec.normalStride(),
            progress);
    return new EnsembleTrainer(EnsembleTrainer.Config.defaults()).train(set, spec.seed(), progress);
  }

  /**
   * Saves into a sibling temp dir and renames, so a crash never leaves half a bundle at {@code
   * dir}.
   */
  public static void save(Ensemble e, Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempDirectory(parent, ".bundle-");
    ModelBundle.save(e, tmp, Clock.systemUTC());
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    Files.move(tmp, dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String describe(Map<String, Double> validation) {
    StringBuilder sb = new StringBuilder("(validation:");
    validation.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            en -> sb.append(String.format(Locale.ROOT, " %s=%.3f", en.getKey(), en.getValue())));
    return sb.append(')').toString();
  }
}
