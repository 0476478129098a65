package io.augur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against the files that document it: deploy/augur.yaml and docs/CONFIGURATION.md.
 */
class AugurOptionsTest {
  private static final Path ROOT = Path.of(System.getProperty("augur.repo.root", ".."));

  @Test
  void shouldParseTheDeployedConfigurationWithEveryKeyKnown() {
    Path file = ROOT.resolve("deploy/augur.yaml");
    YamlLayer.Parsed parsed = assertDoesNotFail(file);
    assertTrue(
        parsed.values().size() >= 20, "deploy/augur.yaml sets " + parsed.values().size() + " keys");
    Configuration c = AugurOptions.builder().yaml(file).build();
    for (RawValue v : parsed.values()) {
      assertTrue(
          AugurOptions.ALL.stream().anyMatch(o -> o.key().equals(v.key())),
          v.key() + " is not in the catalogue");
    }
    assertEquals(URI.create("http://prometheus.monitoring.svc:9090"), c.get(PrometheusOptions.URL));
    assertEquals(
        List.of("{job=\"checkout\"}", "{job=~\"payments|cart\"}"),
        c.get(PrometheusOptions.SELECTORS));
    assertEquals(4, c.get(JobOptions.PARALLELISM));
    assertEquals(List.of("namespace", "pod"), c.get(JobOptions.COMPONENT_LABELS));
    assertEquals(Duration.ofMinutes(5), c.get(ChaosOptions.EVERY));
    assertEquals(List.of("shop", "payments"), c.get(ChaosOptions.NAMESPACES));
    assertEquals(URI.create("s3://augur/checkpoints"), c.get(CheckpointOptions.DIR));
  }

  private static YamlLayer.Parsed assertDoesNotFail(Path file) {
    try {
      YamlLayer.Parsed p = YamlLayer.parse(Files.readString(file), file.toString());
      assertEquals(List.of(), p.problems());
      return p;
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  @Test
  void shouldKeepTheConfigurationDocsEqualToTheCatalogue() throws IOException {
    Path docs = ROOT.resolve("docs/CONFIGURATION.md");
    String expected = ConfigDocs.markdown(AugurOptions.SECTIONS);
    String actual = Files.exists(docs) ? Files.readString(docs) : "";
    assertEquals(
        expected,
        actual,
        "docs/CONFIGURATION.md differs from the catalogue; regenerate it with "
            + "java -cp feature-extraction/target/classes io.augur.config.ConfigDocs .");
  }

  @Test
  void shouldDocumentEveryKeyInTheTableAndTheExample() {
    String md = ConfigDocs.markdown(AugurOptions.SECTIONS);
    String example = ConfigDocs.exampleYaml(AugurOptions.SECTIONS);
    for (ConfigOption<?> o : AugurOptions.ALL) {
      assertTrue(md.contains("| `" + o.key() + "` |"), o.key() + " has no row");
      assertFalse(o.description().isBlank(), o.key() + " has no description");
      String leaf = o.key().substring(o.key().lastIndexOf('.') + 1) + (o.secret() ? "File" : "");
      assertTrue(example.contains("# " + leaf + ":"), o.key() + " is not in the example");
    }
  }

  @Test
  void shouldReadTheExampleBackAsTheDefaultsOnceUncommented() {
    String example = ConfigDocs.exampleYaml(AugurOptions.SECTIONS);
    assertEquals(
        Configuration.builder(AugurOptions.ALL).build().toString(),
        AugurOptions.builder().yaml(example, "example.yaml").build().toString());
    java.util.Set<String> leaves = new java.util.HashSet<>();
    AugurOptions.ALL.forEach(o -> leaves.add(o.key().substring(o.key().lastIndexOf('.') + 1)));
    java.util.regex.Pattern keyLine =
        java.util.regex.Pattern.compile("(\\s*)# ([a-z][A-Za-z0-9]*):( .*)?");
    StringBuilder uncommented = new StringBuilder();
    for (String line : example.lines().toList()) {
      java.util.regex.Matcher m = keyLine.matcher(line);
      boolean key = m.matches() && leaves.contains(m.group(2));
      uncommented
          .append(
              key ? m.group(1) + m.group(2) + ":" + (m.group(3) == null ? "" : m.group(3)) : line)
          .append('\n');
    }
    Configuration c =
        AugurOptions.builder().yaml(uncommented.toString(), "uncommented.yaml").build();
    for (ConfigOption<?> o : AugurOptions.ALL) {
      if (o.hasDefault()) {
        assertEquals(o.defaultValue(), c.get(o), o.key());
        assertTrue(c.isSet(o), o.key() + " is not written in the example");
      }
    }
  }
}
