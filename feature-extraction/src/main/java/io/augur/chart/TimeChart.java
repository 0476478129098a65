package io.augur.chart;

import io.augur.domain.Checks;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A chart over wall-clock time drawn with Java2D into a PNG (headless; needs no display), meant to
 * be the one renderer reports share. From top to bottom: a title, one lane per {@link #interval}
 * (e.g. an injected fault, drawn as a bar from its start to its end), the plot with its {@link
 * #band}s (shaded time ranges, labelled at the top, e.g. the phases of a game day), its {@link
 * #line}s (value series on one auto-scaled y axis) and a time axis in seconds from the chart's
 * start, a strip of {@link #marker}s (a point in time with a pass/fail colour, e.g. when a
 * validation held) and a legend.
 *
 * <p>Not thread-safe; build it, then {@link #render()} or {@link #writePng}.
 */
public final class TimeChart {
  /** Distinct colours for lines and intervals, in order of use. */
  public static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
        new Color(0x7f7f7f)
  };

  /** Band fills, light enough that lines drawn over them stay readable. */
  public static final Color[] BAND_PALETTE = {
    new Color(0xdde8f6),
    new Color(0xf8dcdc),
    new Color(0xfcefd2),
    new Color(0xdcf1dc),
    new Color(0xeadff4)
  };

  public static final Color BACKGROUND = Color.WHITE;
  public static final Color PASS = new Color(0x2ca02c);
  public static final Color FAIL = new Color(0xd62728);

  private static final int LEFT = 70;
  private static final int RIGHT = 24;
  private static final int TITLE = 34;
  private static final int LANE = 18;
  private static final int MARKER_STRIP = 46;
  private static final int LEGEND_ROW = 18;
  private static final int AXIS = 26;

  /** A value at a time. */
  public record Point(long atMs, double value) {}

  private record Band(long fromMs, long toMs, String label, Color color) {}

  private record Interval(long fromMs, long toMs, String label, Color color) {}

  private record Line(String name, List<Point> points, Color color) {}

  private record Marker(long atMs, String label, Color color) {}

  private final String title;
  private final long startMs;
  private final long endMs;
  private final int width;
  private final int plotHeight;
  private String yLabel = "";
  private String xUnit = "s";
  private final List<Band> bands = new ArrayList<>();
  private final List<Interval> intervals = new ArrayList<>();
  private final List<Line> lines = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private int colours;

  /**
   * @param width the image's width in pixels (at least 300)
   * @param plotHeight the value plot's height in pixels (at least 100); lanes, markers and legend
   *     add to it
   */
  public TimeChart(String title, long startMs, long endMs, int width, int plotHeight) {
    this.title = title == null ? "" : title;
    if (endMs <= startMs) {
      throw new IllegalArgumentException(
          "chart end " + endMs + " must be after its start " + startMs);
    }
    if (width < 300 || plotHeight < 100) {
      throw new IllegalArgumentException(
          "chart needs width >= 300 and plotHeight >= 100, got " + width + "x" + plotHeight);
    }
    this.startMs = startMs;
    this.endMs = endMs;
    this.width = width;
    this.plotHeight = plotHeight;
  }

  public TimeChart yLabel(String label) {
    this.yLabel = label == null ? "" : label;
    return this;
  }

  /**
   * The suffix of the x axis' tick labels, "s" (seconds from the chart's start) unless set: a chart
   * over something else than time (e.g. experiments spent) puts one unit per 1000 "ms" and names
   * the unit here.
   */
  public TimeChart xAxisUnit(String unit) {
    this.xUnit = unit == null ? "" : unit;
    return this;
  }

  /**
   * A shaded time range across the plot, labelled at its top; a null colour takes the next band
   * colour.
   */
  public TimeChart band(long fromMs, long toMs, String label, Color color) {
    bands.add(
        new Band(
            fromMs,
            Math.max(fromMs, toMs),
            Checks.nonNull("label", label),
            color != null ? color : BAND_PALETTE[bands.size() % BAND_PALETTE.length]));
    return this;
  }

  /**
   * A bar in its own lane above the plot, from {@code fromMs} to {@code toMs}; a null colour takes
   * the next one of {@link #PALETTE} (shared with lines, so no two default colours repeat before
   * ten).
   */
  public TimeChart interval(long fromMs, long toMs, String label, Color color) {
    intervals.add(
        new Interval(
            fromMs,
            Math.max(fromMs, toMs),
            Checks.nonNull("label", label),
            color != null ? color : PALETTE[colours++ % PALETTE.length]));
    return this;
  }

  /** A value series; non-finite values break the line. A null colour takes the next one. */
  public TimeChart line(String name, List<Point> points, Color color) {
    lines.add(
        new Line(
            Checks.nonNull("name", name),
            List.copyOf(Checks.noNullElements("points", points)),
            color != null ? color : PALETTE[colours++ % PALETTE.length]));
    return this;
  }

  /** A point in time in the marker strip under the plot (e.g. {@link #PASS} or {@link #FAIL}). */
  public TimeChart marker(long atMs, String label, Color color) {
    markers.add(new Marker(atMs, Checks.nonNull("label", label), Checks.nonNull("color", color)));
    return this;
  }

  /** The image's height for what has been added so far. */
  public int height() {
    return plotTop() + plotHeight + AXIS + MARKER_STRIP + LEGEND_ROW * legendRows() + 8;
  }

  public int width() {
    return width;
  }

  /** The x pixel of {@code atMs} (clamped to the plot). */
  public int x(long atMs) {
    long t = Math.max(startMs, Math.min(endMs, atMs));
    return LEFT
        + (int) Math.round((double) (t - startMs) / (endMs - startMs) * (width - LEFT - RIGHT));
  }

  private int plotTop() {
    return TITLE + LANE * intervals.size() + (intervals.isEmpty() ? 0 : 6);
  }

  private int legendRows() {
    int entries = lines.size() + intervals.size() + (markers.isEmpty() ? 0 : 2);
    int perRow = Math.max(1, (width - LEFT - RIGHT) / 260);
    return (entries + perRow - 1) / perRow;
  }

  public BufferedImage render() {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(width, height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, LEFT, 22);
      drawIntervals(g);
      int top = plotTop();
      int bottom = top + plotHeight;
      drawBands(g, top, bottom);
      double[] range = range();
      drawAxes(g, top, bottom, range);
      for (Line l : lines) {
        drawLine(g, l, range, top, bottom);
      }
      drawMarkers(g, bottom + AXIS);
      drawLegend(g, bottom + AXIS + MARKER_STRIP);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Renders and writes a PNG to {@code png} (creating its directory). */
  public void writePng(Path png) throws IOException {
    Checks.nonNull("png", png);
    if (png.toAbsolutePath().getParent() != null) {
      Files.createDirectories(png.toAbsolutePath().getParent());
    }
    if (!ImageIO.write(render(), "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }

  private void drawIntervals(Graphics2D g) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i < intervals.size(); i++) {
      Interval iv = intervals.get(i);
      int y = TITLE + i * LANE;
      int x0 = x(iv.fromMs());
      int x1 = Math.max(x0 + 2, x(iv.toMs()));
      g.setColor(iv.color());
      g.fillRect(x0, y + 2, x1 - x0, LANE - 5);
      g.setColor(Color.BLACK);
      FontMetrics fm = g.getFontMetrics();
      int tx =
          x1 + 4 + fm.stringWidth(iv.label()) < width
              ? x1 + 4
              : Math.max(2, x0 - 4 - fm.stringWidth(iv.label()));
      g.drawString(iv.label(), tx, y + LANE - 5);
    }
  }

  private void drawBands(Graphics2D g, int top, int bottom) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (Band b : bands) {
      int x0 = x(b.fromMs());
      int x1 = Math.max(x0 + 1, x(b.toMs()));
      g.setColor(b.color());
      g.fillRect(x0, top, x1 - x0, bottom - top);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(x0, top, x0, bottom);
      g.drawString(b.label(), x0 + 3, top + 13);
    }
  }

  private double[] range() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Line l : lines) {
      for (Point p : l.points()) {
        if (Double.isFinite(p.value())) {
          lo = Math.min(lo, p.value());
          hi = Math.max(hi, p.value());
        }
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    if (hi - lo < 1e-12) {
      double pad = Math.abs(hi) < 1e-12 ? 1 : Math.abs(hi) * 0.1;
      return new double[] {lo - pad, hi + pad};
    }
    double pad = (hi - lo) * 0.05;
    return new double[] {lo - pad, hi + pad};
  }

  private static int y(double v, double[] range, int top, int bottom) {
    return bottom - (int) Math.round((v - range[0]) / (range[1] - range[0]) * (bottom - top));
  }

  private void drawAxes(Graphics2D g, int top, int bottom, double[] range) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(Color.GRAY);
    g.drawRect(LEFT, top, width - LEFT - RIGHT, bottom - top);
    for (int i = 0; i <= 4; i++) {
      double v = range[0] + (range[1] - range[0]) * i / 4;
      int yy = y(v, range, top, bottom);
      g.setColor(new Color(0, 0, 0, 40));
      g.drawLine(LEFT, yy, width - RIGHT, yy);
      g.setColor(Color.DARK_GRAY);
      String s = String.format(Locale.ROOT, "%.3g", v);
      g.drawString(s, LEFT - 6 - g.getFontMetrics().stringWidth(s), yy + 4);
    }
    double seconds = (endMs - startMs) / 1000.0;
    double step = niceStep(seconds / 8);
    for (double s = 0; s <= seconds + 1e-9; s += step) {
      int xx = x(startMs + Math.round(s * 1000));
      g.setColor(Color.DARK_GRAY);
      g.drawLine(xx, bottom, xx, bottom + 4);
      String label =
          step < 1
              ? String.format(Locale.ROOT, "%.1f", s) + xUnit
              : String.format(Locale.ROOT, "%.0f", s) + xUnit;
      g.drawString(label, xx - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
    }
    if (!yLabel.isEmpty()) {
      g.drawString(yLabel, 4, top - 4);
    }
  }

  private static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-3))));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private void drawLine(Graphics2D g, Line l, double[] range, int top, int bottom) {
    g.setColor(l.color());
    g.setStroke(new BasicStroke(2f));
    Integer px = null;
    Integer py = null;
    for (Point p : l.points()) {
      if (!Double.isFinite(p.value()) || p.atMs() < startMs || p.atMs() > endMs) {
        px = null;
        continue;
      }
      int xx = x(p.atMs());
      int yy = y(p.value(), range, top, bottom);
      if (px != null) {
        g.drawLine(px, py, xx, yy);
      } else {
        g.fillOval(xx - 2, yy - 2, 4, 4);
      }
      px = xx;
      py = yy;
    }
    g.setStroke(new BasicStroke(1f));
  }

  private void drawMarkers(Graphics2D g, int top) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    int lastLabelEnd = Integer.MIN_VALUE;
    int row = 0;
    for (Marker m : markers) {
      int xx = x(m.atMs());
      g.setColor(m.color());
      g.fillPolygon(new int[] {xx - 6, xx + 6, xx}, new int[] {top + 12, top + 12, top + 1}, 3);
      g.setColor(Color.BLACK);
      row = xx < lastLabelEnd ? 1 - row : 0;
      int tw = g.getFontMetrics().stringWidth(m.label());
      int tx = Math.min(width - tw - 2, Math.max(2, xx - tw / 2));
      g.drawString(m.label(), tx, top + 23 + row * 10);
      lastLabelEnd = Math.max(lastLabelEnd, tx + tw + 4);
    }
  }

  private void drawLegend(Graphics2D g, int top) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    List<Object[]> entries = new ArrayList<>();
    lines.forEach(l -> entries.add(new Object[] {"line", l.name(), l.color()}));
    intervals.forEach(i -> entries.add(new Object[] {"bar", i.label(), i.color()}));
    if (!markers.isEmpty()) {
      entries.add(new Object[] {"marker", "held", PASS});
      entries.add(new Object[] {"marker", "did not hold", FAIL});
    }
    int perRow = Math.max(1, (width - LEFT - RIGHT) / 260);
    for (int i = 0; i < entries.size(); i++) {
      Object[] e = entries.get(i);
      int xx = LEFT + (i % perRow) * 260;
      int yy = top + (i / perRow) * LEGEND_ROW + 12;
      g.setColor((Color) e[2]);
      switch ((String) e[0]) {
        case "line" -> {
          g.setStroke(new BasicStroke(2f));
          g.drawLine(xx, yy - 4, xx + 18, yy - 4);
          g.setStroke(new BasicStroke(1f));
        }
        case "bar" -> g.fillRect(xx, yy - 9, 18, 10);
        default ->
            g.fillPolygon(new int[] {xx + 3, xx + 15, xx + 9}, new int[] {yy, yy, yy - 11}, 3);
      }
      g.setColor(Color.BLACK);
      String s = (String) e[1];
      g.drawString(s.length() > 40 ? s.substring(0, 39) + "…" : s, xx + 24, yy);
    }
  }
}
