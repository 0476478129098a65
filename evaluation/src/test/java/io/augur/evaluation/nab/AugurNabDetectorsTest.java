package io.augur.evaluation.nab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.augur.evaluation.cli.EvaluateNabCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Augur's ensemble and its members run as registered NAB detectors through {@code augur evaluate
 * nab}: on a synthetic NAB-shaped corpus (one file of 1,400 rows at a 5-minute step with a level
 * shift, long enough to train on its 210-row probationary period), they write results in NAB's
 * layout and are scored.
 */
class AugurNabDetectorsTest {
  // Every detector must score the shift within its first 10 rows at 0.99 or more, and at most 1 %
  // of the 700 normal
  // rows before it (from row 300) as high. Not "above every normal row": new highs and lows score 1
  // (PostProcessing),
  // so a normal row that is the series' highest yet ties the shift.

  private static final DateTimeFormatter NAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static Path corpus(Path dir) throws IOException {
    SplittableRandom r = new SplittableRandom(11);
    LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 0, 0);
    List<String> lines = new ArrayList<>(List.of("timestamp,value"));
    for (int i = 0; i < 1400; i++) {
      double v =
          20 + 5 * Math.sin(2 * Math.PI * i / 288.0) + r.nextGaussian() + (i >= 1000 ? 9 : 0);
      lines.add(t0.plusMinutes(5L * i).format(NAB_TIME) + "," + v);
    }
    Path csv = dir.resolve("data/synthetic/shift.csv");
    Files.createDirectories(csv.getParent());
    Files.write(csv, lines);
    Files.createDirectories(dir.resolve("labels"));
    String start = t0.plusMinutes(5L * 970).format(NAB_TIME) + ".000000";
    String end = t0.plusMinutes(5L * 1040).format(NAB_TIME) + ".000000";
    Files.writeString(
        dir.resolve("labels/combined_windows.json"),
        "{\"synthetic/shift.csv\": [[\"" + start + "\", \"" + end + "\"]]}");
    return dir;
  }

  @Test
  void shouldRunTheEnsembleAndEachMemberAsNabDetectors(@TempDir Path tmp) throws IOException {
    Path nab = corpus(tmp.resolve("nab"));
    Path out = tmp.resolve("out");
    List<String> detectors = List.of("augur", "augur-iforest", "augur-lstm", "augur-rforest");
    int exit =
        new CommandLine(new EvaluateNabCommand())
            .execute(
                "--nab-dir",
                nab.toString(),
                "--out",
                out.toString(),
                "--detectors",
                String.join(",", detectors),
                "--threads",
                "1");
    assertEquals(0, exit);
    for (String d : detectors) {
      List<String> rows = Files.readAllLines(out.resolve(d + "/synthetic/" + d + "_shift.csv"));
      assertEquals("timestamp,value,anomaly_score,label", rows.get(0));
      assertEquals(1401, rows.size());
      double beforeShift = 0;
      double atShift = 0;
      for (int i = 300; i < 1000; i++) {
        beforeShift = Math.max(beforeShift, Double.parseDouble(rows.get(1 + i).split(",")[2]));
      }
      for (int i = 1000; i < 1010; i++) {
        atShift = Math.max(atShift, Double.parseDouble(rows.get(1 + i).split(",")[2]));
      }
      int asHigh = 0;
      for (int i = 300; i < 1000; i++) {
        asHigh += Double.parseDouble(rows.get(1 + i).split(",")[2]) >= atShift ? 1 : 0;
      }
      assertTrue(
          atShift >= 0.99 && asHigh <= 7,
          d
              + ": shift scored "
              + atShift
              + "; "
              + asHigh
              + " of 700 normal rows scored as high (normal rows up to "
              + beforeShift
              + ")");
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    for (int i = 0; i < detectors.size(); i++) {
      JsonNode d = report.path("detectors").get(i);
      assertEquals(detectors.get(i), d.path("name").asText());
      assertTrue(d.path("scores").path("standard").path("score").asDouble() > 0, d.toString());
    }
  }
}
