package io.augur.evaluation.nab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.augur.evaluation.nab.NabDataFile;
import io.augur.evaluation.nab.NabWindow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngChartsTest {

  @Test
  void shouldShowEveryDetectorOfTheDefaultRunInItsOwnColourAndLegend(@TempDir Path tmp)
      throws IOException {
    int n = 500;
    List<String> timestamps = new ArrayList<>();
    long[] millis = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      timestamps.add("t" + i);
      millis[i] = i * 300_000L;
      values[i] = Math.sin(i / 20.0);
    }
    NabDataFile file =
        new NabDataFile(
            "synthetic/sine.csv", timestamps, millis, values, List.of(new NabWindow(300, 340)));
    List<PngCharts.ScoreTrace> traces = new ArrayList<>();
    for (int t = 0;
        t < 8;
        t++) { // as many as `augur evaluate nab` runs with the BENCHMARKS command
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        scores[i] = (i * (t + 1) % 97) / 97.0;
      }
      traces.add(new PngCharts.ScoreTrace("detector-" + t, scores, 0.9));
    }
    Path png = tmp.resolve("sine.png");
    PngCharts.seriesPlot(png, file, traces);
    BufferedImage img = ImageIO.read(png.toFile());

    Set<Integer> colours = new HashSet<>();
    for (int t = 0; t < traces.size(); t++) {
      colours.add(PngCharts.PALETTE[t % PngCharts.PALETTE.length].getRGB());
      assertTrue(
          PngCharts.legendX(t) + PngCharts.LEGEND_WIDTH <= img.getWidth(),
          "legend entry "
              + t
              + " starts at "
              + PngCharts.legendX(t)
              + " in an image "
              + img.getWidth()
              + " wide");
    }
    assertEquals(traces.size(), colours.size(), "each detector has its own colour");
    // the last legend row (entries 5-8) is drawn inside the image: some ink in the bottom 18 pixels
    int ink = 0;
    for (int y = img.getHeight() - 18; y < img.getHeight(); y++) {
      for (int x = PngCharts.legendX(4); x < PngCharts.legendX(4) + 150; x++) {
        ink += img.getRGB(x, y) != 0xFFFFFFFF ? 1 : 0;
      }
    }
    assertTrue(ink > 20, "no legend text for the fifth detector; ink pixels: " + ink);
  }
}
