package io.augur.chaos.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.augur.domain.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes manifests as YAML documents, one file per manifest, named {@code <kind>-<name>.yaml}. */
public final class ManifestWriter {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private ManifestWriter() {}

  public static String yaml(JsonNode manifest) {
    try {
      return YAML.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render manifest as YAML", e);
    }
  }

  public static JsonNode read(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes {@code manifest} into {@code dir} (created if needed); returns the file. */
  public static Path write(Path dir, JsonNode manifest) {
    Checks.nonNull("dir", dir);
    String file =
        manifest.path("kind").asText().toLowerCase(java.util.Locale.ROOT)
            + "-"
            + manifest.path("metadata").path("name").asText()
            + ".yaml";
    try {
      Files.createDirectories(dir);
      Path out = dir.resolve(file);
      Files.writeString(out, yaml(manifest));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " to " + dir, e);
    }
  }
}
