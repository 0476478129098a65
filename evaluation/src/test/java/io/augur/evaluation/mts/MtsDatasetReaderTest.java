package io.augur.evaluation.mts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtsDatasetReaderTest {
  @TempDir Path dir;

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void shouldReadMachinesWithDataAndSkipThoseWithOnlyLabels() throws IOException {
    write(dir.resolve("train/m-1.txt"), "0.1,0.2\n0.3,0.4\n");
    write(dir.resolve("test/m-1.txt"), "0.5,0.6\n0.7,0.8\n0.9,1.0\n");
    write(dir.resolve("test_label/m-1.txt"), "0\n1\n0\n");
    write(dir.resolve("test_label/m-2.txt"), "0\n");
    write(dir.resolve("train/m-2.txt"), "0\n");
    MtsDatasetReader reader = new MtsDatasetReader(dir);
    assertEquals(List.of("m-1"), reader.machines());
    assertEquals(List.of("m-2 (missing test/m-2.txt)"), reader.skipped());
    MtsMachine m = reader.read("m-1");
    assertEquals(2, m.metrics());
    assertArrayEquals(new double[] {0.7, 0.8}, m.test()[1]);
    assertArrayEquals(new boolean[] {false, true, false}, m.testLabels());
  }

  @Test
  void shouldRefuseLabelsThatDoNotMatchTheTestRows() throws IOException {
    write(dir.resolve("train/m.txt"), "1\n");
    write(dir.resolve("test/m.txt"), "1\n2\n");
    write(dir.resolve("test_label/m.txt"), "0\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new MtsDatasetReader(dir).read("m"));
    assertTrue(e.getMessage().contains("one label per test row (2)"), e.getMessage());
  }

  @Test
  void shouldNameTheCellThatIsNotANumber() throws IOException {
    write(dir.resolve("train/m.txt"), "1,x\n");
    write(dir.resolve("test/m.txt"), "1,2\n");
    write(dir.resolve("test_label/m.txt"), "0\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new MtsDatasetReader(dir).read("m"));
    assertTrue(e.getMessage().contains("line 1 column 2"), e.getMessage());
  }

  @Test
  void shouldRefuseADirectoryWithoutLabels() {
    assertThrows(IllegalArgumentException.class, () -> new MtsDatasetReader(dir));
  }
}
