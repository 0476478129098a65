package io.augur.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar ({@code cli/target/augur-job.jar}) carries what {@code AugurCluster run} runs
 * and nothing else, entry by entry: no training or evaluation code (nor the evaluation baselines'
 * libraries), none of the cli's other commands, no Kubernetes chaos executor, none of Flink's own
 * modules but the two connectors flink-dist lacks, and natives for linux-x86_64 only. And what it
 * keeps is enough: every class Augur's code references resolves inside the jar, in Flink's jars or
 * in the JDK (jdeps).
 */
class JobJarContentsTest {
  private static Path jar;
  private static List<String> names;

  @BeforeAll
  static void open() throws Exception {
    jar = Path.of(System.getProperty("augur.jobJar", "../cli/target/augur-job.jar"));
    assertTrue(
        Files.isRegularFile(jar),
        "the cluster jar is missing at " + jar + " (built by cli's package phase, profile dist)");
    try (JarFile z = new JarFile(jar.toFile())) {
      names = z.stream().map(ZipEntry::getName).toList();
    }
    System.out.printf(
        Locale.ROOT, "augur-job.jar: %.1f MB, %d entries%n", Files.size(jar) / 1e6, names.size());
  }

  @Test
  void shouldStartAtTheClusterEntryPointAndCarryOnlyItsCliClasses() throws Exception {
    try (JarFile z = new JarFile(jar.toFile())) {
      assertEquals(
          "io.augur.cli.AugurCluster", z.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    Pattern allowed =
        Pattern.compile(
            "io/augur/cli/(AugurCluster|CliErrors|RunCommand|RunConfig|RunSecrets)\\b.*");
    List<String> cli =
        names.stream().filter(n -> n.startsWith("io/augur/cli/") && n.endsWith(".class")).toList();
    assertTrue(cli.contains("io/augur/cli/RunCommand.class"), "run is in the jar: " + cli);
    assertEquals(
        List.of(),
        cli.stream().filter(n -> !allowed.matcher(n).matches()).toList(),
        "cli classes other than the entry point and run (Augur, demo, train sources) pull in"
            + " training and evaluation");
    assertTrue(names.contains("io/augur/job/AugurJob.class"), "the job is in the jar");
    assertTrue(
        names.contains("io/augur/models/bundle/ModelBundle.class"), "the models are in the jar");
  }

  @Test
  void shouldCarryNoEvaluationTrainingOrExecutorCode() {
    List<String> forbidden =
        List.of(
            "io/augur/training/",
            "io/augur/evaluation/",
            "com/amazon/randomcutforest/", // the evaluation's peer baseline
            "io/augur/job/demo/", // `augur demo` runs locally only
            "io/augur/chaos/cli/",
            "io/augur/chaos/exec/k8s/", // the chaos executor: `augur chaos run`, not the job
            "io/fabric8/",
            "io/vertx/",
            "io/netty/");
    for (String prefix : forbidden) {
      List<String> found = names.stream().filter(n -> n.startsWith(prefix)).limit(3).toList();
      assertEquals(List.of(), found, "the job jar must not carry " + prefix);
    }
  }

  @Test
  void shouldLeaveFlinksOwnModulesToTheCluster() {
    // flink-dist has neither the Kafka connector nor datagen (the model watcher's and health
    // poller's generator source); everything else of Flink's, connector-base and the Prometheus
    // reporter included, the image provides
    Pattern bundledFlink =
        Pattern.compile(
            "org/apache/flink/(connector/kafka|streaming/connectors/kafka|connector/datagen"
                + "|streaming/util/serialization)/.*");
    List<String> flink =
        names.stream()
            .filter(n -> n.startsWith("org/apache/flink/") && n.endsWith(".class"))
            .filter(n -> !bundledFlink.matcher(n).matches())
            .limit(10)
            .toList();
    assertEquals(List.of(), flink, "Flink classes the cluster provides");
    assertTrue(
        names.contains("org/apache/flink/connector/kafka/source/KafkaSource.class"),
        "the Kafka connector is bundled");
    for (String provided :
        List.of(
            "org/apache/flink/connector/base/",
            "org/apache/flink/metrics/prometheus/",
            "org/apache/flink/streaming/api/",
            "org/apache/flink/runtime/",
            "org/apache/logging/log4j/")) {
      assertTrue(names.stream().noneMatch(n -> n.startsWith(provided)), provided + " is provided");
    }
  }

  @Test
  void shouldCarryNativesForLinuxX8664Only() {
    Pattern linuxX64 =
        Pattern.compile(
            ".*(linux-x86_64|linux-x86-64|linux/amd64|Linux/x86_64)/[^/]+\\.so(\\.[0-9]+)*$");
    List<String> natives =
        names.stream()
            .filter(n -> !n.endsWith("/"))
            .filter(n -> n.matches(".*\\.(so(\\.[0-9]+)*|dll|dylib|jnilib|a)$"))
            .toList();
    List<String> other = natives.stream().filter(n -> !linuxX64.matcher(n).matches()).toList();
    assertEquals(List.of(), other, "natives for another platform");
    for (String needed :
        List.of(
            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64/libnd4jcpu.so",
            "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
            "org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so",
            "linux/amd64/libzstd-jni-1.5.6-10.so",
            "org/xerial/snappy/native/Linux/x86_64/libsnappyjava.so")) {
      assertTrue(names.contains(needed), "missing native " + needed);
    }
  }

  /**
   * jdeps over Augur's classes in the jar, with only Flink's jars (what the cluster provides)
   * beside it: nothing left out above may be something the job's code needs.
   */
  @Test
  void shouldResolveEveryClassAugursCodeReferences() throws Exception {
    Path jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps");
    assumeTrue(Files.isExecutable(jdeps), "the JDK's jdeps is missing at " + jdeps);
    String testCp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String flinkOnly =
        java.util.Arrays.stream(testCp.split(File.pathSeparator))
            .filter(e -> e.contains("/org/apache/flink/") && e.endsWith(".jar"))
            .collect(Collectors.joining(File.pathSeparator));
    assertTrue(
        flinkOnly.contains("flink-runtime"), "Flink's jars on the test classpath: " + testCp);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                jdeps.toString(),
                "--multi-release",
                "17",
                "-verbose:class",
                "-include",
                "io\\.augur\\..*",
                "--class-path",
                flinkOnly,
                jar.toString()));
    Path out = Files.createTempFile("augur-jdeps", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertTrue(p.waitFor(5, TimeUnit.MINUTES), "jdeps did not finish in 5 min");
      List<String> lines = Files.readAllLines(out);
      assertEquals(0, p.exitValue(), "jdeps failed: " + String.join("\n", lines));
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("io.augur.job.AugurJob")),
          "jdeps analysed Augur's classes");
      TreeSet<String> missing =
          lines.stream()
              .filter(l -> l.contains("not found"))
              .map(String::strip)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(
          new TreeSet<String>(),
          missing,
          "classes Augur's code references that neither the jar nor Flink provides");
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
