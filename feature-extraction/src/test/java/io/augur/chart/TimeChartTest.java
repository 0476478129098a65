package io.augur.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeChartTest {
  @TempDir Path dir;

  @Test
  void shouldDrawBandsIntervalsLinesAndMarkersWhereTheirTimesAre() throws Exception {
    TimeChart c =
        new TimeChart("game day", 0, 10_000, 800, 200)
            .band(0, 5_000, "preparation", null)
            .band(5_000, 10_000, "failure-injection", null)
            .interval(6_000, 8_000, "pod-kill on orders", new Color(0x800080))
            .line(
                "error rate",
                List.of(
                    new TimeChart.Point(0, 0),
                    new TimeChart.Point(5_000, 1),
                    new TimeChart.Point(10_000, 0)),
                new Color(0x0000ff))
            .marker(9_000, "standby-serves", TimeChart.PASS);
    Path png = dir.resolve("out/chart.png");
    c.writePng(png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(800, img.getWidth());
    assertEquals(c.height(), img.getHeight());
    // the interval's bar lies between its start and end, in the lane under the title, and not
    // outside it
    int laneY = 34 + 9;
    assertEquals(0x800080, img.getRGB(c.x(7_000), laneY) & 0xffffff);
    assertTrue((img.getRGB(c.x(3_000), laneY) & 0xffffff) != 0x800080);
    // the two bands have different fills
    int plotY = 34 + 18 + 6 + 150;
    assertTrue(
        img.getRGB(c.x(2_000), plotY) != img.getRGB(c.x(8_500), plotY), "bands shaded differently");
    // the line is drawn: some blue pixel in the column at its peak
    boolean blue = false;
    for (int y = 0; y < img.getHeight(); y++) {
      int rgb = img.getRGB(c.x(5_000), y) & 0xffffff;
      blue |= (rgb & 0xff) > 200 && ((rgb >> 16) & 0xff) < 60;
    }
    assertTrue(blue, "the line's colour at its peak");
    // the marker's triangle is green at its time
    int markerTop = 34 + 18 + 6 + 200 + 26;
    assertEquals(
        TimeChart.PASS.getRGB() & 0xffffff, img.getRGB(c.x(9_000), markerTop + 9) & 0xffffff);
  }

  @Test
  void shouldRefuseAnEmptyTimeRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TimeChart("x", 5, 5, 800, 200));
    assertTrue(e.getMessage().contains("must be after its start"), e.getMessage());
  }
}
