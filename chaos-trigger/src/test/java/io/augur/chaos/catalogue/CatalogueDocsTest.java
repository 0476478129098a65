package io.augur.chaos.catalogue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's catalogue table names every entry with its Chaos Mesh kind, and nothing else. */
class CatalogueDocsTest {
  @Test
  void shouldDocumentEveryCatalogueEntryInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (ExperimentType t : ExperimentType.values()) {
      String row =
          readme.lines().filter(l -> l.startsWith("| `" + t.id() + "` |")).findFirst().orElse("");
      assertTrue(
          row.contains(t.kind().kind()),
          "README catalogue row for " + t.id() + " must name " + t.kind().kind());
      assertTrue(
          row.contains(t.category().name().toLowerCase(Locale.ROOT)),
          "row for " + t.id() + " must name its category");
      String litmus = t.litmusExperiment() == null ? "—" : t.litmusExperiment();
      assertTrue(
          row.trim().endsWith("| " + litmus + " |"),
          "row for " + t.id() + " must end with Litmus " + litmus);
    }
    long rows = readme.lines().filter(l -> l.matches("\\| `[a-z-]+` \\| [a-z]+ \\|.*")).count();
    assertTrue(rows == ExperimentType.values().length, "README lists " + rows + " catalogue rows");
  }
}
