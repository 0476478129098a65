package io.augur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.augur.domain.FeatureSchema;
import io.augur.features.FeatureConfig;
import io.augur.features.FeatureSchemas;
import io.augur.models.bundle.Manifest;
import io.augur.models.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  private static final Path REPO = Path.of(System.getProperty("augur.repo.root", ".."));

  @TempDir Path tmp;

  @Test
  void shippedExampleConfigShouldParseCompletely() throws Exception {
    RunConfig c = RunConfig.read(REPO.resolve("deploy/augur.yaml"));
    assertEquals("http://prometheus.monitoring.svc:9090", c.prometheus().url());
    assertEquals(2, c.alertmanager().urls().size());
    assertEquals(4, c.job().parallelism());
    assertEquals(java.util.List.of("shop", "payments"), c.chaos().namespaces());
  }

  @Test
  void shouldRejectAnUnknownKeyNamingIt() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(f, "prometheus:\n  ulr: http://x:9090\n");
    var e = assertThrows(UnrecognizedPropertyException.class, () -> RunConfig.read(f));
    assertTrue(e.getMessage().contains("\"ulr\""), e.getMessage());
  }

  @Test
  void shouldBuildTheJobGraphFromFlagsInADryRun() {
    String out =
        run(
            0,
            "run",
            "--prometheus-url",
            "http://127.0.0.1:9",
            "--selector",
            "up{job=\"node\"}",
            "--alertmanager-url",
            "http://127.0.0.1:9093",
            "--dry-run");
    assertTrue(out.contains("configuration valid"), out);
  }

  @Test
  void shouldTakeDeadLettersTopicTransactionalIdPrefixAndCheckpointIntervalFromTheFile()
      throws Exception {
    Path f = tmp.resolve("kafka.yaml");
    Files.writeString(
        f,
        "kafka:\n  brokers: 127.0.0.1:9\n  samplesTopics: [samples]\n  alertsTopic: alerts\n"
            + "  deadLettersTopic: dead\n  transactionalIdPrefix: augur-run-7\ncheckpoints:\n  dir: file://"
            + tmp.resolve("cp")
            + "\n  interval: 2s\n");
    RunConfig c = RunConfig.read(f);
    assertEquals("dead", c.kafka().deadLettersTopic());
    assertEquals("augur-run-7", c.kafka().transactionalIdPrefix());
    String out = run(0, "run", "--config", f.toString(), "--dry-run");
    assertTrue(out.contains("configuration valid"), out);
  }

  @Test
  void clusterEntryPointShouldThrowInsteadOfEndingTheJvm() {
    // on a REST submission main runs inside the JobManager: System.exit there would end the
    // JobManager
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AugurCluster.main(new String[] {"run", "--dry-run"}));
    assertTrue(e.getMessage().contains("exit code 2"), e.getMessage());
  }

  @Test
  void shouldRefuseToRunWithoutAnInput() {
    run(2, "run", "--dry-run");
  }

  @Test
  void shouldRunTheFeatureLayerABundleWasTrainedWith() throws Exception {
    FeatureConfig nab = FeatureConfig.forMetrics(List.of("value")).withSchemaName("nab");
    FeatureSchema schema = FeatureSchemas.of(nab);
    Path bundle = manifestOnly(schema);
    FeatureConfig fc =
        RunCommand.featuresFor(
            bundle.toString(), FeatureConfig.demoFleet(), List.of("job", "instance", "pod"));
    assertEquals(schema, FeatureSchemas.of(fc), "the job computes exactly the bundle's features");
    assertEquals(List.of("job", "instance", "pod"), fc.componentLabels());
    FeatureConfig noBundle = RunCommand.featuresFor(null, FeatureConfig.demoFleet(), null);
    assertEquals(FeatureSchemas.of(FeatureConfig.demoFleet()), FeatureSchemas.of(noBundle));
  }

  @Test
  void shouldRefuseABundleWhoseFeaturesTheJobCannotCompute() throws Exception {
    FeatureSchema foreign = new FeatureSchema("synthetic", 1, List.of("f0", "f1"));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunCommand.featuresFor(
                    manifestOnly(foreign).toString(), FeatureConfig.demoFleet(), null));
    assertTrue(
        e.getMessage().startsWith("--bundle ")
            && e.getMessage().contains("cannot compute its features"),
        e.getMessage());
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RunCommand.featuresFor(
                    tmp.resolve("nothing").toString(), FeatureConfig.demoFleet(), null));
    assertTrue(
        missing.getMessage().contains("manifest.json") && missing.getMessage().contains("missing"),
        missing.getMessage());
    run(
        2,
        "run",
        "--prometheus-url",
        "http://127.0.0.1:9",
        "--selector",
        "up",
        "--bundle",
        tmp.resolve("nothing").toString(),
        "--dry-run");
  }

  private Path manifestOnly(FeatureSchema schema) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bundle-" + schema.name().replace('/', '_')));
    Manifest m =
        new Manifest(
            ModelBundle.FORMAT,
            "v-test",
            "2026-11-26T00:00:00Z",
            schema,
            schema.hash(),
            Map.of(),
            Map.of(),
            "x",
            Map.of(),
            Map.of());
    new ObjectMapper().writeValue(dir.resolve(ModelBundle.MANIFEST).toFile(), m);
    return dir;
  }

  private static String run(int expectedExit, String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true));
    try {
      assertEquals(expectedExit, Augur.commandLine().execute(args));
    } finally {
      System.setOut(old);
    }
    return buf.toString();
  }
}
