package io.augur.training.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.augur.models.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmdSourceTest {

  private static SourceHistory read(SourceOptions o) {
    return new SmdSource(o).read(ProgressListener.NONE);
  }

  @Test
  void shouldMakeOneComponentPerMachineWithMetricsNamedByColumn(@TempDir Path dir)
      throws Exception {
    TestHistories.smdDir(dir.resolve("smd"), 5, 30, "machine-1-1", "machine-1-2");
    SourceHistory h = read(SourceOptions.defaults().withInputs(List.of(dir.resolve("smd"))));
    assertEquals(
        List.of("smd/machine-1-1", "smd/machine-1-2"),
        h.components().stream().map(ComponentHistory::component).toList());
    assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), h.features().metrics());
    var s = h.components().get(1).series().get(3);
    assertEquals("m3", s.metric());
    assertEquals(Map.of("job", "smd", "instance", "machine-1-2"), s.labels());
    assertEquals(30, s.size());
    assertEquals(
        List.of("m1", "m4"),
        read(SourceOptions.defaults()
                .withInputs(List.of(dir.resolve("smd")))
                .withMachines(List.of("machine-1-2"))
                .withMetrics(List.of("m1", "m4")))
            .features()
            .metrics());
  }

  @Test
  void shouldNameTheRaggedRowAndTheBadCell(@TempDir Path dir) throws Exception {
    TestHistories.smdDir(dir, 3, 5, "m-1");
    Path f = dir.resolve("train/m-1.txt");
    Files.writeString(f, "0.1,0.2,0.3\n0.1,0.2\n");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> read(SourceOptions.defaults().withInputs(List.of(dir))));
    assertEquals(f + " line 2: 2 columns, expected 3 as in the first row", e.getMessage());
    Files.writeString(f, "0.1,0.2,0.3\n0.1,x,0.3\n");
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> read(SourceOptions.defaults().withInputs(List.of(dir))));
    assertEquals(f + " line 2 column 2 (m1): must be a number, got \"x\"", e.getMessage());
  }

  @Test
  void shouldRefuseAnUnknownMachineListingTheKnownOnes(@TempDir Path dir) throws Exception {
    TestHistories.smdDir(dir, 3, 5, "machine-1-6", "machine-1-7");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                read(
                    SourceOptions.defaults()
                        .withInputs(List.of(dir))
                        .withMachines(List.of("machine-9-9"))));
    assertEquals(
        "--machines: unknown machine machine-9-9; "
            + dir.resolve("train")
            + " has [machine-1-6, machine-1-7]",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                read(SourceOptions.defaults().withInputs(List.of(dir)).withMetrics(List.of("m7"))));
    assertEquals("--metrics: m7 is not a column of machine-1-6 (m0..m2)", e.getMessage());
  }
}
