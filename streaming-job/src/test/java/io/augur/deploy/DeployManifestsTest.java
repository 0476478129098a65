package io.augur.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What deploy/ ships is valid for the systems that read it. */
class DeployManifestsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path REPO = Path.of(System.getProperty("augur.repo.root", ".."));

  @Test
  void flinkDeploymentShouldValidateAgainstTheOperatorCrd() throws Exception {
    Path crd = schemas().resolve("flink-operator/flinkdeployments.flink.apache.org-v1.yml");
    Assumptions.assumeTrue(
        Files.exists(crd), "Flink operator CRD not found at " + crd + " (set -Daugur.schemas)");
    JsonNode schemaNode = YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaNode);
    JsonNode manifest =
        YAML.readTree(REPO.resolve("deploy/flink/augur-flinkdeployment.yaml").toFile());
    Set<ValidationMessage> errors = schema.validate(manifest);
    assertEquals(Set.of(), errors);
    assertEquals("v2_2", manifest.at("/spec/flinkVersion").asText());
    assertEquals("savepoint", manifest.at("/spec/job/upgradeMode").asText());
  }

  @Test
  void flinkDeploymentWithAWrongFieldShouldBeRejected() throws Exception {
    Path crd = schemas().resolve("flink-operator/flinkdeployments.flink.apache.org-v1.yml");
    Assumptions.assumeTrue(Files.exists(crd), "Flink operator CRD not found at " + crd);
    JsonNode schemaNode = YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaNode);
    var manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            YAML.readTree(REPO.resolve("deploy/flink/augur-flinkdeployment.yaml").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("spec"))
        .put("flinkVersion", "v9_9");
    assertTrue(!schema.validate(manifest).isEmpty(), "an unknown flinkVersion must not validate");
  }

  @Test
  void prometheusConfigShouldPassPromtool() throws Exception {
    runChecker(
        "promtool",
        List.of("check", "config", REPO.resolve("deploy/prometheus/prometheus.yml").toString()));
  }

  @Test
  void alertmanagerConfigShouldPassAmtool() throws Exception {
    runChecker(
        "amtool",
        List.of("check-config", REPO.resolve("deploy/alertmanager/alertmanager.yml").toString()));
  }

  private static void runChecker(String tool, List<String> args) throws Exception {
    File bin = new File("/usr/bin/" + tool);
    Assumptions.assumeTrue(
        bin.canExecute(),
        tool + " is not installed (Debian packages prometheus, prometheus-alertmanager)");
    List<String> cmd = new java.util.ArrayList<>(List.of(bin.getPath()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), tool + " did not finish");
    assertEquals(0, p.exitValue(), tool + " rejected the config:\n" + output);
  }

  private static Path schemas() {
    String s = System.getProperty("augur.schemas");
    if (s == null) {
      s =
          System.getenv()
              .getOrDefault("AUGUR_SCHEMAS", REPO.resolve("../shared/schemas").toString());
    }
    return Path.of(s);
  }
}
