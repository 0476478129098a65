package io.augur.chaos.exec.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.Checks;
import io.augur.json.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a plan's targets are on this machine, read from YAML:
 *
 * <pre>
 * targets:
 *   - name: checkout            # the plan's target (component) or its service ("app" label)
 *     pidFile: /run/checkout.pid
 *     proxyControl: http://127.0.0.1:8474
 *     netns: augur-test-1
 *     netDevice: veth-t1
 *     dataDir: /var/lib/checkout
 * </pre>
 *
 * A plan target resolves by its own name first, then by the {@code app} label of the plan's
 * selection.
 */
public final class LocalTargets {
  private static final ObjectMapper YAML = Wire.USER_YAML;

  private final Map<String, LocalTarget> byName;

  public LocalTargets(List<LocalTarget> targets) {
    Checks.noNullElements("targets", targets);
    Map<String, LocalTarget> m = new LinkedHashMap<>();
    for (LocalTarget t : targets) {
      if (m.put(t.name(), t) != null) {
        throw new IllegalArgumentException("local target " + t.name() + " is bound twice");
      }
    }
    this.byName = Map.copyOf(m);
  }

  private record File(List<LocalTarget> targets) {}

  /** Reads a targets file; a bad file is one message naming the file and what was wrong. */
  public static LocalTargets read(Path file) {
    Checks.nonNull("file", file);
    try {
      File f = YAML.readValue(Files.readAllBytes(file), File.class);
      return new LocalTargets(f == null || f.targets() == null ? List.of() : f.targets());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("local targets " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<LocalTarget> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The binding for one of the plan's targets: by the target's name, else by the selection's app
   * label.
   */
  public Optional<LocalTarget> resolve(PlannedExperiment planned, String target) {
    LocalTarget t = byName.get(target);
    if (t == null) {
      String app = planned.selection().labels().get("app");
      t = app == null ? null : byName.get(app);
    }
    return Optional.ofNullable(t);
  }

  public List<LocalTarget> all() {
    return List.copyOf(byName.values());
  }
}
