package io.augur.chaos.requirements;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.chaos.catalogue.ExperimentType;
import io.augur.json.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads requirements YAML:
 *
 * <pre>
 * requirements:
 *   - name: api-gateway-resilience
 *     component: gateway
 *     availabilityTarget: 99.95      # percent
 *     maxResponseTime: 500ms
 *     chaosTests: [pod-kill, latency-injection, memory-stress]
 *     recoverySla: 30s
 *     dataConsistency: strong        # strong | eventual | none
 * </pre>
 *
 * Unknown keys are errors, so a typo does not silently drop a requirement.
 */
public final class RequirementsFile {
  private static final ObjectMapper YAML = Wire.USER_YAML;

  private RequirementsFile() {}

  @JsonIgnoreProperties(ignoreUnknown = false)
  record Doc(List<Entry> requirements) {}

  record Entry(
      String name,
      String component,
      Double availabilityTarget,
      String maxResponseTime,
      List<String> chaosTests,
      String recoverySla,
      String dataConsistency) {}

  public static List<ResilienceRequirement> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read requirements " + file, e);
    }
  }

  public static List<ResilienceRequirement> parse(String yaml) {
    Doc doc;
    try {
      doc = YAML.readValue(yaml, Doc.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("requirements YAML is invalid: " + e.getMessage(), e);
    }
    if (doc == null || doc.requirements() == null || doc.requirements().isEmpty()) {
      throw new IllegalArgumentException(
          "requirements YAML must have a non-empty 'requirements' list");
    }
    List<ResilienceRequirement> out = new ArrayList<>();
    for (int i = 0; i < doc.requirements().size(); i++) {
      Entry e = doc.requirements().get(i);
      String where = "requirements[" + i + "]";
      if (e == null) {
        throw new IllegalArgumentException(where + " is empty");
      }
      List<ExperimentType> tests = new ArrayList<>();
      for (String t : e.chaosTests() == null ? List.<String>of() : e.chaosTests()) {
        tests.add(ExperimentType.fromId(t));
      }
      out.add(
          new ResilienceRequirement(
              e.name(),
              e.component(),
              e.availabilityTarget(),
              e.maxResponseTime() == null
                  ? null
                  : Durations.parse(where + ".maxResponseTime", e.maxResponseTime()),
              tests,
              e.recoverySla() == null
                  ? null
                  : Durations.parse(where + ".recoverySla", e.recoverySla()),
              DataConsistency.parse(e.dataConsistency())));
    }
    return out;
  }
}
