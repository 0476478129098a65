package io.augur.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar the cluster tests submit is built, and carries the job but no evaluation or
 * training code.
 */
class JobJarPresentTest {
  @Test
  void shouldCarryTheJobAndNotTrainingOrEvaluation() throws Exception {
    Path jar = Path.of(System.getProperty("augur.jobJar", "../cli/target/augur-job.jar"));
    assertTrue(
        Files.isRegularFile(jar),
        "the cluster jar is missing at " + jar + " (built by cli's package phase)");
    try (ZipFile z = new ZipFile(jar.toFile())) {
      assertTrue(z.getEntry("io/augur/cli/AugurCluster.class") != null, "entry point in the jar");
      assertTrue(z.getEntry("io/augur/job/AugurJob.class") != null, "the job in the jar");
      assertTrue(
          z.stream()
              .noneMatch(
                  e ->
                      e.getName().startsWith("io/augur/training/")
                          || e.getName().startsWith("io/augur/evaluation/")),
          "no training or evaluation classes");
      assertTrue(
          z.stream().noneMatch(e -> e.getName().startsWith("org/apache/flink/streaming/api/")),
          "Flink itself is provided by the cluster");
    }
  }
}
