package io.augur.training.sources;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --source} names {@code augur train} knows. {@link #defaults()} holds the pure-Java
 * ones ({@code nab}, {@code smd}, {@code demo}); {@code streaming-job} registers {@code prometheus}
 * (its remote-read client lives there) before mounting the command. Immutable.
 */
public final class TrainingSources {
  private final Map<String, TrainingSource.Factory> factories;

  private TrainingSources(Map<String, TrainingSource.Factory> factories) {
    this.factories = Map.copyOf(factories);
  }

  public static TrainingSources defaults() {
    Map<String, TrainingSource.Factory> m = new LinkedHashMap<>();
    m.put("demo", DemoSource::new);
    m.put("nab", NabSource::new);
    m.put("smd", SmdSource::new);
    return new TrainingSources(m);
  }

  /** A copy with {@code name} added (or replaced). */
  public TrainingSources register(String name, TrainingSource.Factory factory) {
    if (name == null || !name.matches("[a-z][a-z0-9-]*") || factory == null) {
      throw new IllegalArgumentException(
          "name must be lower-case like prometheus and factory non-null, got " + name);
    }
    Map<String, TrainingSource.Factory> m = new LinkedHashMap<>(factories);
    m.put(name, factory);
    return new TrainingSources(m);
  }

  public Set<String> names() {
    return new java.util.TreeSet<>(factories.keySet());
  }

  public TrainingSource create(String name, SourceOptions options) {
    TrainingSource.Factory f = factories.get(name);
    if (f == null) {
      String hint =
          name != null && name.equals("prometheus")
              ? " (prometheus is registered by ./augur, which has the remote-read client)"
              : "";
      throw new IllegalArgumentException(
          "--source must be one of " + names() + ", got " + name + hint);
    }
    return f.create(options);
  }
}
