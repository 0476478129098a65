package io.augur.job.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bad-record fixture: expected reason fragment and record value per line. */
final class Fixtures {
  private Fixtures() {}

  record Bad(String reason, String value) {}

  static List<Bad> badSamples() throws IOException {
    try (InputStream in =
        Fixtures.class.getResourceAsStream("/io-fixtures/bad-kafka-samples.tsv")) {
      List<Bad> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        int tab = line.indexOf('\t');
        out.add(new Bad(line.substring(0, tab), line.substring(tab + 1)));
      }
      return out;
    }
  }
}
