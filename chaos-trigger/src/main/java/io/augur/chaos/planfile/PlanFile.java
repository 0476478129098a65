package io.augur.chaos.planfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.augur.chaos.experiment.PlannedExperiment;
import io.augur.domain.Checks;
import io.augur.domain.ExperimentPlan;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link PlannedExperiment}s as files: one {@code ChaosPlan} document, or several (a YAML stream of
 * documents, a YAML list or a JSON array), each
 *
 * <pre>
 * apiVersion: augur.io/v1
 * kind: ChaosPlan
 * plan: {id, targets, namespace, experimentType, failureMode, durationSeconds, blastRadius,
 *        requiresApproval, createdAtMs, successCriteria, rollbackTriggers, evidence}
 * type: pod-kill
 * selection: {labels, targetPods, systemPods, node, pod, trafficShare}
 * rollout: [{mode: one, podsHit: 1}, {mode: fixed-percent, percent: 5, podsHit: 2}]
 * affectedComponents: 0
 * </pre>
 *
 * Reading is strict: unknown or duplicate fields, a value of the wrong type (no "30" for 30, no 1.5
 * for a count) and values the domain records refuse are errors naming the file, the field and the
 * value. A plan read from a file is only planned, never approved: the gates run again on it.
 */
public final class PlanFile {
  /** The suffix {@code augur chaos plan --out} gives plan files. */
  public static final String SUFFIX = ".plan.yaml";

  static final ObjectMapper YAML =
      strict(
          YAMLMapper.builder(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .build()));
  static final ObjectMapper JSON = strict(JsonMapper.builder());

  private PlanFile() {}

  private static ObjectMapper strict(MapperBuilder<?, ?> b) {
    return b.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .build();
  }

  /** One plan as a YAML document. */
  public static String toYaml(PlannedExperiment plan) {
    return toYaml(List.of(plan));
  }

  /** Plans as a YAML stream, one document each. */
  public static String toYaml(List<PlannedExperiment> plans) {
    Checks.noNullElements("plans", plans);
    StringWriter w = new StringWriter();
    try (SequenceWriter s = YAML.writer().writeValues(w)) {
      for (PlannedExperiment p : plans) {
        s.write(PlanDocument.of(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plans as YAML", e);
    }
    return w.toString();
  }

  /** One plan as a JSON object. */
  public static String toJson(PlannedExperiment plan) {
    try {
      return JSON.writeValueAsString(PlanDocument.of(Checks.nonNull("plan", plan)));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write plan " + plan.plan().id() + " as JSON", e);
    }
  }

  /** Plans as a JSON array. */
  public static String toJson(List<PlannedExperiment> plans) {
    try {
      return JSON.writeValueAsString(
          Checks.noNullElements("plans", plans).stream().map(PlanDocument::of).toList());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write plans as JSON", e);
    }
  }

  /**
   * Writes plans to {@code file} (JSON for a {@code .json} name, else YAML), replacing it
   * atomically.
   */
  public static Path write(Path file, List<PlannedExperiment> plans) {
    String text = isJson(file) ? toJson(plans) + "\n" : toYaml(plans);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        return Files.move(
            tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plan file " + file, e);
    }
  }

  /** Writes {@code dir/<id>.plan.yaml}. */
  public static Path writeTo(Path dir, PlannedExperiment plan) {
    String id = Fields.planId("plan.id", plan.plan().id());
    return write(dir.resolve(id + SUFFIX), List.of(plan));
  }

  /**
   * Every plan in a file; one {@link IllegalArgumentException} naming the file, field and value
   * otherwise.
   */
  public static List<PlannedExperiment> read(Path file) {
    Checks.nonNull("file", file);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "plan file " + file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text, isJson(file));
  }

  /** Plans from text; {@code source} names it in messages. */
  public static List<PlannedExperiment> parse(String source, String text, boolean json) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        (json ? JSON : YAML).readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode n = it.nextValue();
        if (n == null || n.isNull() || n.isMissingNode()) {
          continue; // an empty YAML document (a trailing ---)
        }
        if (n.isArray()) {
          n.forEach(docs::add);
        } else {
          docs.add(n);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "plan file "
              + source
              + ": not "
              + (json ? "JSON" : "YAML")
              + ": "
              + JacksonErrors.firstLine(e.getMessage()),
          e);
    }
    if (docs.isEmpty()) {
      throw new IllegalArgumentException("plan file " + source + " holds no plan");
    }
    List<PlannedExperiment> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      String where =
          "plan file "
              + source
              + (docs.size() > 1 ? " (plan " + (i + 1) + " of " + docs.size() + ")" : "");
      JsonNode d = docs.get(i);
      if (!d.isObject()) {
        throw new IllegalArgumentException(
            where
                + ": a plan must be a map with apiVersion "
                + PlanDocument.API_VERSION
                + " and kind "
                + PlanDocument.KIND
                + ", got "
                + d.getNodeType().toString().toLowerCase(Locale.ROOT)
                + " "
                + d);
      }
      out.add(fromTree(where, d));
    }
    return out;
  }

  /**
   * One plan as a document tree, for formats that embed a plan (e.g. an approval queue's files).
   */
  public static JsonNode toTree(PlannedExperiment plan) {
    return JSON.valueToTree(PlanDocument.of(Checks.nonNull("plan", plan)));
  }

  /**
   * A plan from a document tree, as strictly as {@link #read}; {@code source} names it in messages.
   */
  public static PlannedExperiment fromTree(String source, JsonNode doc) {
    Checks.nonNull("doc", doc);
    try {
      return JSON.treeToValue(doc, PlanDocument.class).toPlanned();
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": " + JacksonErrors.describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * A planned experiment rebuilt from the bare {@link ExperimentPlan} the streaming job emits (its
   * chaos-targets topic or {@code chaos-targets.jsonl}). See {@link JobPlans} for what is trusted.
   */
  public static PlannedExperiment fromExperimentPlan(ExperimentPlan plan) {
    return JobPlans.rebuild(plan);
  }

  /** As {@link #fromExperimentPlan}, from the job's JSON; {@code source} names it in messages. */
  public static PlannedExperiment fromExperimentPlanJson(String source, String json) {
    ExperimentPlan plan;
    try {
      plan = JSON.readValue(json, ExperimentPlan.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          source + ": not an ExperimentPlan: " + JacksonErrors.describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    try {
      return JobPlans.rebuild(plan);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  static boolean isJson(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }
}
