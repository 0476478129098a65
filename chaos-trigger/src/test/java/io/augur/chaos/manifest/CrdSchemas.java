package io.augur.chaos.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real CRDs' {@code openAPIV3Schema}s, read as plain Jackson trees (Litmus' CRD has a
 * non-standard {@code allowEmptyValue} key), validated with networknt's validator.
 */
public final class CrdSchemas {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private CrdSchemas() {}

  /**
   * {@code augur.schemas}, else env {@code AUGUR_SCHEMAS}, else {@code ../shared/schemas} beside
   * the repo.
   */
  public static Path root() {
    String p = System.getProperty("augur.schemas");
    if (p == null || p.isBlank()) {
      p = System.getenv("AUGUR_SCHEMAS");
    }
    if (p == null || p.isBlank()) {
      String repo = System.getProperty("augur.repo.root", "..");
      p = Paths.get(repo).resolve("../shared/schemas").toString();
    }
    return Paths.get(p);
  }

  public static boolean available() {
    return Files.isRegularFile(root().resolve("chaos-mesh/chaos-mesh.org_podchaos.yaml"))
        && Files.isRegularFile(root().resolve("litmus/chaosengine_crd.yaml"));
  }

  public static List<String> validate(String relativeCrd, JsonNode manifest) {
    JsonSchema schema = CACHE.computeIfAbsent(relativeCrd, CrdSchemas::load);
    Set<ValidationMessage> errors = schema.validate(manifest);
    return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private static JsonSchema load(String relativeCrd) {
    try {
      JsonNode crd = YAML.readTree(Files.readString(root().resolve(relativeCrd)));
      for (JsonNode v : crd.path("spec").path("versions")) {
        if ("v1alpha1".equals(v.path("name").asText())) {
          JsonNode s = v.path("schema").path("openAPIV3Schema");
          return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(s);
        }
      }
      throw new IllegalStateException(relativeCrd + " has no v1alpha1 schema");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
