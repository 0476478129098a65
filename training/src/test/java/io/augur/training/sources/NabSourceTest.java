package io.augur.training.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.models.ProgressListener;
import io.augur.models.inject.RawSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabSourceTest {

  private static SourceHistory read(Path... in) {
    return new NabSource(SourceOptions.defaults().withInputs(List.of(in)))
        .read(ProgressListener.NONE);
  }

  @Test
  void shouldMakeOneComponentPerFileNamedByCategoryAndFile(@TempDir Path dir) throws Exception {
    TestHistories.nabFile(dir, "realTraffic", "speed_1", 50, 1);
    TestHistories.nabFile(dir, "realKnownCause", "nyc_taxi", 40, 2);
    SourceHistory h = read(dir);
    assertEquals(
        List.of("realKnownCause/nyc_taxi", "realTraffic/speed_1"),
        h.components().stream().map(ComponentHistory::component).toList());
    RawSeries s = h.components().get(0).series().get(0);
    assertEquals("value", s.metric());
    assertEquals(Map.of("job", "realKnownCause", "instance", "nyc_taxi"), s.labels());
    assertEquals(40, s.size());
    assertEquals(15_000, s.timestampsMs()[1] - s.timestampsMs()[0], "one row a step");
    assertEquals(List.of("value"), h.features().metrics());
  }

  @Test
  void shouldReadANabCheckoutUnderData(@TempDir Path dir) throws Exception {
    TestHistories.nabFile(dir.resolve("data"), "artificialNoAnomaly", "flat", 30, 1);
    Files.createDirectories(dir.resolve("labels"));
    assertEquals(1, read(dir).components().size());
  }

  @Test
  void shouldNameFileLineAndFieldOfABadRow(@TempDir Path dir) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("bad.csv"),
            "timestamp,value\n2014-07-01 00:00:00,1.5\n2014-07-01 00:05:00,abc\n");
    var e = assertThrows(IllegalArgumentException.class, () -> read(f));
    assertEquals(f + " line 3: value must be a number, got \"abc\"", e.getMessage());
    Files.writeString(f, "timestamp,value\n2014-07-01 00:00:00,1.5\n07/01/2014,2\n");
    e = assertThrows(IllegalArgumentException.class, () -> read(f));
    assertTrue(
        e.getMessage().startsWith(f + " line 3: timestamp must look like 2014-07-01 00:00:00"),
        e.getMessage());
    Files.writeString(f, "time,val\n");
    e = assertThrows(IllegalArgumentException.class, () -> read(f));
    assertEquals(
        f + " line 1: the header must be timestamp,value, got \"time,val\"", e.getMessage());
    Files.writeString(f, "timestamp,value\n2014-07-01 00:00:00\n");
    e = assertThrows(IllegalArgumentException.class, () -> read(f));
    assertEquals(
        f + " line 2: expected timestamp,value, got \"2014-07-01 00:00:00\"", e.getMessage());
  }

  @Test
  void shouldReplayRowsInFileOrderEvenWhenATimestampStepsBack(@TempDir Path dir) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("dst.csv"),
            "timestamp,value\n2014-03-09 03:00:00,1\n2014-03-09 02:05:00,2\n2014-03-09 03:10:00,3\n");
    RawSeries s = read(f).components().get(0).series().get(0);
    assertEquals(3, s.size());
    assertEquals(2.0, s.values()[1], "file order, one row a step");
  }

  @Test
  void shouldRefuseAMissingInput(@TempDir Path dir) {
    var e = assertThrows(IllegalArgumentException.class, () -> read(dir.resolve("nope")));
    assertEquals("--input " + dir.resolve("nope") + " does not exist", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NabSource(SourceOptions.defaults()).read(ProgressListener.NONE));
    assertEquals("--source nab needs --input <dir or csv files>", e.getMessage());
  }
}
