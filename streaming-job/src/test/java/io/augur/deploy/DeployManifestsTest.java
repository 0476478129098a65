package io.augur.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What deploy/ ships is valid for the systems that read it: the FlinkDeployment against the
 * operator's CRD, every core Kubernetes object (and the FlinkDeployment's pod template) strictly
 * against fabric8's model of its kind, Prometheus' and Alertmanager's files with promtool and
 * amtool; and the pieces fit together: the paths, names and topics one manifest names are the ones
 * another provides.
 */
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

  /** Every core Kubernetes manifest, by apiVersion/kind, to the fabric8 model class of its kind. */
  private static final Map<String, Class<?>> KINDS =
      Map.of(
          "v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class,
          "v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
          "v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class,
          "v1/Service", io.fabric8.kubernetes.api.model.Service.class,
          "v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class,
          "batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class,
          "rbac.authorization.k8s.io/v1/Role", io.fabric8.kubernetes.api.model.rbac.Role.class,
          "rbac.authorization.k8s.io/v1/RoleBinding",
              io.fabric8.kubernetes.api.model.rbac.RoleBinding.class);

  private static final List<String> CORE_MANIFESTS =
      List.of(
          "deploy/k8s/00-namespace.yaml",
          "deploy/k8s/augur-config.yaml",
          "deploy/k8s/model-store.yaml",
          "deploy/k8s/publish-bundle-job.yaml",
          "deploy/k8s/kafka-topics-job.yaml",
          "deploy/k8s/metrics-service.yaml",
          "deploy/rbac/augur-job.yaml",
          "deploy/rbac/chaos-executor.yaml");

  @Test
  void everyCoreManifestShouldMatchItsKindsShapeExactly() throws Exception {
    List<String> problems = new ArrayList<>();
    int objects = 0;
    for (String file : CORE_MANIFESTS) {
      for (JsonNode doc : documents(file)) {
        problems.addAll(shapeProblems(doc, file));
        objects++;
      }
    }
    // every file under deploy/k8s and deploy/rbac is one of the checked ones
    for (String dir : List.of("deploy/k8s", "deploy/rbac")) {
      try (var files = Files.list(REPO.resolve(dir))) {
        files
            .map(f -> dir + "/" + f.getFileName())
            .filter(f -> !CORE_MANIFESTS.contains(f))
            .forEach(f -> problems.add(f + " is not validated: add it to CORE_MANIFESTS"));
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(objects >= 14, "objects validated: " + objects);
  }

  @Test
  void theFlinkDeploymentsPodTemplateShouldMatchThePodShapeExactly() throws Exception {
    JsonNode podTemplate = flinkDeployment().at("/spec/podTemplate");
    List<String> problems = new ArrayList<>();
    Object pod = STRICT.treeToValue(podTemplate, io.fabric8.kubernetes.api.model.Pod.class);
    unknownFields(pod, "FlinkDeployment spec.podTemplate", problems);
    assertEquals(List.of(), problems);
  }

  @Test
  void aMisspelledOrMistypedFieldShouldBeCaught() throws Exception {
    ObjectNode pvc = (ObjectNode) documents("deploy/k8s/model-store.yaml").get(0).deepCopy();
    ObjectNode spec = (ObjectNode) pvc.get("spec");
    spec.set("accesModes", spec.remove("accessModes"));
    List<String> problems = shapeProblems(pvc, "model-store.yaml (typo)");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("accesModes"), problems.get(0));

    ObjectNode job = (ObjectNode) documents("deploy/k8s/kafka-topics-job.yaml").get(0).deepCopy();
    ((ObjectNode) job.get("spec")).put("backoffLimit", "three");
    assertTrue(
        shapeProblems(job, "kafka-topics-job.yaml (type)").get(0).contains("backoffLimit"),
        "a string where Kubernetes wants an integer");

    ObjectNode unknownKind = (ObjectNode) pvc.deepCopy();
    unknownKind.put("kind", "PersistentVolumeClam");
    assertTrue(shapeProblems(unknownKind, "x").get(0).contains("no model for"));
  }

  /**
   * The FlinkDeployment's paths are the ones the image and the ConfigMap provide: config file,
   * bundle and watch directory, secrets, jar, entry class, Flink version, service account.
   */
  @Test
  void theFlinkDeploymentShouldFindWhatTheImageAndManifestsProvide() throws Exception {
    JsonNode fd = flinkDeployment();
    Map<String, JsonNode> mounts = mountsByVolume(fd.at("/spec/podTemplate"));
    List<String> args = new ArrayList<>();
    fd.at("/spec/job/args").forEach(a -> args.add(a.asText()));
    assertEquals("run", args.get(0), "AugurCluster's subcommand");
    int at = args.indexOf("--config");
    assertTrue(at > 0, "--config in " + args);
    Path configPath = Path.of(args.get(at + 1));

    // --config names a key of ConfigMap augur-config, mounted at the file's directory
    JsonNode cm = one("deploy/k8s/augur-config.yaml", "ConfigMap");
    JsonNode cmVolume = volumeOf(fd, "configMap", cm.at("/metadata/name").asText());
    assertEquals(
        configPath.getParent().toString(),
        mounts.get(cmVolume.get("name").asText()).get("mountPath").asText(),
        "the ConfigMap is mounted where --config looks");
    String yaml = cm.at("/data/" + configPath.getFileName()).asText(null);
    assertTrue(yaml != null, "ConfigMap has no key " + configPath.getFileName());

    // augur.yaml is a valid configuration (every key known, every value typed)
    io.augur.config.Configuration conf =
        io.augur.config.AugurOptions.builder().yaml(yaml, "augur-config augur.yaml").build();

    // bundle and watch directory on the model store's volume
    JsonNode pvc = one("deploy/k8s/model-store.yaml", "PersistentVolumeClaim");
    JsonNode modelVolume = volumeOf(fd, "persistentVolumeClaim", pvc.at("/metadata/name").asText());
    String modelMount = mounts.get(modelVolume.get("name").asText()).get("mountPath").asText();
    String bundle = conf.get(io.augur.config.ModelOptions.BUNDLE).toString();
    String watch = conf.get(io.augur.config.ModelOptions.WATCH).toString();
    assertTrue(bundle.startsWith(modelMount + "/"), bundle + " is on " + modelMount);
    assertTrue(watch.startsWith(modelMount + "/"), watch + " is on " + modelMount);
    assertEquals(
        Path.of(watch), Path.of(bundle).getParent(), "the first bundle is one of the watched");
    assertFalse(
        mounts.get(modelVolume.get("name").asText()).path("readOnly").asBoolean(false),
        "the model store is writable");

    // the publish job writes the first bundle there: same claim, same path, same version
    JsonNode publish = one("deploy/k8s/publish-bundle-job.yaml", "Job");
    JsonNode pub = publish.at("/spec/template/spec/containers/0");
    assertEquals(
        modelMount,
        mountsByVolume(publish.at("/spec/template"))
            .get(
                volumeOf(
                        publish.at("/spec/template"),
                        "persistentVolumeClaim",
                        pvc.at("/metadata/name").asText())
                    .get("name")
                    .asText())
            .get("mountPath")
            .asText());
    assertEquals(Path.of(bundle).getFileName().toString(), env(pub, "VERSION"));
    assertTrue(
        pub.at("/args/0").asText().contains(watch + "/$VERSION"),
        "the publish job renames into the watched directory " + watch);

    // secrets: the commented ...File paths point into the mounted Secret
    JsonNode secretVolume = volumeOf(fd, "secret", "augur-secrets");
    String secretMount = mounts.get(secretVolume.get("name").asText()).get("mountPath").asText();
    java.util.regex.Matcher m = Pattern.compile("#\\s*[a-zA-Z]+File:\\s*(\\S+)").matcher(yaml);
    int secretFiles = 0;
    while (m.find()) {
      assertTrue(m.group(1).startsWith(secretMount + "/"), m.group(1) + " is on " + secretMount);
      secretFiles++;
    }
    assertTrue(secretFiles >= 3, "documented secret files: " + secretFiles);

    // the jar and the image
    String dockerfile = Files.readString(REPO.resolve("deploy/image/Dockerfile"));
    String jarUri = fd.at("/spec/job/jarURI").asText();
    assertTrue(jarUri.startsWith("local://"), jarUri);
    String jarPath = jarUri.substring("local://".length());
    assertTrue(
        Pattern.compile("(?m)^COPY .*cli/target/augur-job\\.jar " + Pattern.quote(jarPath) + "$")
            .matcher(dockerfile)
            .find(),
        "the Dockerfile puts the jar at " + jarPath);
    String flinkVersion = parentPomProperty("flink.version");
    assertTrue(
        Pattern.compile("(?m)^FROM flink:" + Pattern.quote(flinkVersion) + "-java17$")
            .matcher(dockerfile)
            .find(),
        "the image is the official Flink " + flinkVersion + " image");
    assertEquals(
        "v" + flinkVersion.replaceAll("^(\\d+)\\.(\\d+).*", "$1_$2"),
        fd.at("/spec/flinkVersion").asText());
    assertTrue(
        Files.readString(REPO.resolve("cli/pom.xml"))
            .contains("<mainClass>" + fd.at("/spec/job/entryClass").asText() + "</mainClass>"),
        "entryClass is the job jar's Main-Class");
    assertEquals(
        String.valueOf(conf.get(io.augur.config.JobOptions.METRICS_PORT)),
        fd.at("/spec/flinkConfiguration/metrics.reporter.prom.port").asText());
  }

  @Test
  void theTopicsJobShouldCreateTheTopicsTheJobWrites() throws Exception {
    JsonNode cm = one("deploy/k8s/augur-config.yaml", "ConfigMap");
    io.augur.config.Configuration conf =
        io.augur.config.AugurOptions.builder()
            .yaml(cm.at("/data/augur.yaml").asText(), "augur.yaml")
            .build();
    java.util.Set<String> written =
        new java.util.TreeSet<>(
            List.of(
                conf.get(io.augur.config.KafkaOptions.ALERTS_TOPIC),
                conf.get(io.augur.config.KafkaOptions.CHAOS_TOPIC),
                conf.get(io.augur.config.KafkaOptions.DEAD_LETTERS_TOPIC)));
    JsonNode job = one("deploy/k8s/kafka-topics-job.yaml", "Job");
    JsonNode c = job.at("/spec/template/spec/containers/0");
    assertEquals(
        written, new java.util.TreeSet<>(List.of(env(c, "TOPICS").split("\\s+"))), "topics");
    assertEquals(conf.get(io.augur.config.KafkaOptions.BROKERS), env(c, "BOOTSTRAP"));
  }

  /**
   * The job's account is the FlinkDeployment's, bound in its namespace, with nothing on secrets, no
   * wildcard and nothing cluster-wide; the chaos executor's is another account.
   */
  @Test
  void theJobAndTheChaosExecutorShouldHaveSeparateLeastPrivilegeAccounts() throws Exception {
    JsonNode fd = flinkDeployment();
    String ns = fd.at("/metadata/namespace").asText();
    String sa = fd.at("/spec/serviceAccount").asText();
    JsonNode account = one("deploy/rbac/augur-job.yaml", "ServiceAccount");
    assertEquals(sa, account.at("/metadata/name").asText());
    assertEquals(ns, account.at("/metadata/namespace").asText());
    JsonNode binding = one("deploy/rbac/augur-job.yaml", "RoleBinding");
    JsonNode role = one("deploy/rbac/augur-job.yaml", "Role");
    assertEquals("Role", binding.at("/roleRef/kind").asText(), "namespaced, not a ClusterRole");
    assertEquals(role.at("/metadata/name").asText(), binding.at("/roleRef/name").asText());
    assertEquals(sa, binding.at("/subjects/0/name").asText());
    assertEquals(ns, binding.at("/metadata/namespace").asText());
    java.util.Set<String> resources = new java.util.TreeSet<>();
    for (JsonNode rule : role.get("rules")) {
      rule.get("resources").forEach(r -> resources.add(r.asText()));
      rule.get("verbs").forEach(v -> assertFalse(v.asText().equals("*"), "wildcard verb"));
      rule.get("apiGroups").forEach(g -> assertFalse(g.asText().equals("*"), "wildcard group"));
    }
    assertEquals(
        new java.util.TreeSet<>(
            List.of("configmaps", "deployments", "deployments/finalizers", "pods", "services")),
        resources);
    String executor =
        one("deploy/rbac/chaos-executor.yaml", "ServiceAccount").at("/metadata/name").asText();
    assertFalse(executor.equals(sa), "the chaos executor has its own account");
    for (JsonNode doc : documents("deploy/rbac/chaos-executor.yaml")) {
      if (doc.path("kind").asText().equals("RoleBinding")) {
        doc.get("subjects").forEach(s -> assertFalse(s.get("name").asText().equals(sa)));
      }
    }
    // every namespaced object of deploy/k8s is in the job's namespace
    for (String file : CORE_MANIFESTS.subList(1, 6)) {
      for (JsonNode doc : documents(file)) {
        assertEquals(ns, doc.at("/metadata/namespace").asText(), file);
      }
    }
    assertEquals(
        ns, one("deploy/k8s/00-namespace.yaml", "Namespace").at("/metadata/name").asText());
  }

  @Test
  void alertmanagerShouldPageOncallForHighAndRouteTheRestToTheDefault() throws Exception {
    String am = REPO.resolve("deploy/alertmanager/alertmanager.yml").toString();
    assertEquals(
        "oncall",
        runChecker(
                "amtool",
                List.of(
                    "config",
                    "routes",
                    "test",
                    "--config.file=" + am,
                    "alertname=AugurPredictedFailure",
                    "severity=high",
                    "component=checkout"))
            .lines()
            .filter(l -> !l.startsWith("Warning"))
            .findFirst()
            .orElse("")
            .strip());
    assertEquals(
        "default",
        runChecker(
                "amtool",
                List.of(
                    "config",
                    "routes",
                    "test",
                    "--config.file=" + am,
                    "alertname=AugurPredictedFailure",
                    "severity=medium"))
            .lines()
            .filter(l -> !l.startsWith("Warning"))
            .findFirst()
            .orElse("")
            .strip());
  }

  @Test
  void prometheusShouldScrapeTheMetricsServiceOnTheReportersPort() throws Exception {
    JsonNode prom = YAML.readTree(REPO.resolve("deploy/prometheus/prometheus.yml").toFile());
    JsonNode svc = one("deploy/k8s/metrics-service.yaml", "Service");
    String dns =
        svc.at("/metadata/name").asText()
            + "."
            + svc.at("/metadata/namespace").asText()
            + ".svc.cluster.local";
    JsonNode augur = null;
    for (JsonNode job : prom.get("scrape_configs")) {
      if (job.get("job_name").asText().equals("augur")) {
        augur = job;
      }
    }
    assertTrue(augur != null, "scrape job augur");
    assertEquals(dns, augur.at("/dns_sd_configs/0/names/0").asText());
    assertEquals(
        flinkDeployment().at("/spec/flinkConfiguration/metrics.reporter.prom.port").asInt(),
        augur.at("/dns_sd_configs/0/port").asInt());
    assertEquals(
        flinkDeployment().at("/metadata/name").asText(), svc.at("/spec/selector/app").asText());
    assertEquals(
        augur.at("/dns_sd_configs/0/port").asInt(), svc.at("/spec/ports/0/targetPort").asInt());
  }

  // --- helpers

  private static final ObjectMapper STRICT =
      new ObjectMapper(new YAMLFactory())
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              true);

  private static JsonNode flinkDeployment() throws Exception {
    return YAML.readTree(REPO.resolve("deploy/flink/augur-flinkdeployment.yaml").toFile());
  }

  private static List<JsonNode> documents(String file) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = YAML.readerFor(JsonNode.class).readValues(REPO.resolve(file).toFile())) {
      while (it.hasNext()) {
        JsonNode d = (JsonNode) it.next();
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          docs.add(d);
        }
      }
    }
    return docs;
  }

  private static JsonNode one(String file, String kind) throws Exception {
    List<JsonNode> found =
        documents(file).stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    assertEquals(1, found.size(), "one " + kind + " in " + file);
    return found.get(0);
  }

  /** Problems of one object against its kind's model: unknown kind, wrong type, unknown field. */
  private static List<String> shapeProblems(JsonNode doc, String file) {
    String where = file + " " + doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText();
    Class<?> type = KINDS.get(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
    if (type == null) {
      return List.of(
          where + ": no model for " + doc.path("apiVersion").asText() + " " + doc.path("kind"));
    }
    List<String> problems = new ArrayList<>();
    try {
      unknownFields(STRICT.treeToValue(doc, type), where, problems);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(java.util.stream.Collectors.joining("."));
      problems.add(where + ": " + field + ": " + e.getOriginalMessage());
    } catch (Exception e) {
      problems.add(where + ": " + e);
    }
    if (doc.at("/metadata/name").asText().isEmpty()) {
      problems.add(where + ": no metadata.name");
    }
    return problems;
  }

  /**
   * fabric8's models keep unknown fields in additionalProperties instead of failing: any there is a
   * field Kubernetes does not know (a typo, a wrong nesting level).
   */
  private static void unknownFields(Object o, String path, List<String> problems) {
    if (o instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        unknownFields(l.get(i), path + "[" + i + "]", problems);
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (java.lang.reflect.Method m : o.getClass().getMethods()) {
      String n = m.getName();
      if (m.getParameterCount() != 0
          || java.lang.reflect.Modifier.isStatic(m.getModifiers())
          || !n.startsWith("get")
          || n.equals("getClass")
          || m.getDeclaringClass().isInterface()) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(o);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (n.equals("getAdditionalProperties")) {
        if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + extra.keySet());
        }
      } else {
        unknownFields(
            v, path + "." + Character.toLowerCase(n.charAt(3)) + n.substring(4), problems);
      }
    }
  }

  /** The main container's volume mounts of a pod template, by volume name. */
  private static Map<String, JsonNode> mountsByVolume(JsonNode podTemplate) {
    Map<String, JsonNode> byVolume = new java.util.HashMap<>();
    JsonNode c = podTemplate.at("/spec/containers/0");
    c.path("volumeMounts").forEach(vm -> byVolume.put(vm.get("name").asText(), vm));
    return byVolume;
  }

  private static JsonNode volumeOf(JsonNode podTemplateOrFd, String source, String name) {
    JsonNode spec =
        podTemplateOrFd.has("spec") && podTemplateOrFd.get("spec").has("podTemplate")
            ? podTemplateOrFd.at("/spec/podTemplate/spec")
            : podTemplateOrFd.at("/spec");
    String key =
        source.equals("persistentVolumeClaim")
            ? "claimName"
            : source.equals("secret") ? "secretName" : "name";
    for (JsonNode v : spec.path("volumes")) {
      if (v.has(source) && v.get(source).path(key).asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no " + source + " volume of " + name + " in " + spec);
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (e.get("name").asText().equals(name)) {
        return e.get("value").asText();
      }
    }
    throw new AssertionError("no env " + name + " in " + container);
  }

  private static String parentPomProperty(String name) throws Exception {
    java.util.regex.Matcher m =
        Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</")
            .matcher(Files.readString(REPO.resolve("pom.xml")));
    assertTrue(m.find(), name + " in the parent pom");
    return m.group(1);
  }

  private static String runChecker(String tool, List<String> args) throws Exception {
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
    return output;
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
