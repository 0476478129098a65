package io.augur.evaluation.nab.report;

import io.augur.evaluation.nab.NabDataFile;
import io.augur.evaluation.nab.NabWindow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * PNG charts drawn with {@code java.awt} into a {@link BufferedImage}; needs no display (headless
 * mode is set before drawing). Two charts: a file's values and each detector's score over time,
 * with labelled windows shaded and alerts (scores at or above the detector's threshold after the
 * probationary period) marked; and grouped bars of NAB scores per detector and profile.
 */
public final class PngCharts {

  /** Ten distinct colours: the default run's eight detectors each get their own. */
  static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22),
        new Color(0x7f7f7f)
  };

  /** Legend entries per row under the series plot, and the width of one. */
  static final int LEGEND_COLUMNS = 4;

  static final int LEGEND_WIDTH = 330;
  private static final int LEGEND_ROW = 18;
  private static final Color WINDOW = new Color(255, 200, 200);
  private static final Color PROBATION = new Color(225, 225, 225);
  private static final int WIDTH = 1400;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;

  private PngCharts() {}

  /** A detector's scores on the file and its alert threshold. */
  public record ScoreTrace(String detector, double[] scores, double threshold) {}

  /**
   * Values (top panel) and scores (bottom panel) of one file over row index, windows shaded red,
   * the probationary period grey, alerts as triangles on the score panel.
   */
  public static void seriesPlot(Path png, NabDataFile file, List<ScoreTrace> traces)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int scoreBottom = 570;
    int legendRows = (traces.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
    int legendTop = scoreBottom + 24 + 8 * traces.size();
    int height = legendTop + LEGEND_ROW * legendRows + 4;
    BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(
        file.relativePath() + "  (" + file.rows() + " rows, " + file.windows().size() + " windows)",
        LEFT,
        22);
    int valueTop = 40;
    int valueBottom = 300;
    int scoreTop = 340;
    double[] range = range(file.values());
    panel(g, file, valueTop, valueBottom, "value", range);
    line(g, file.values(), range, valueTop, valueBottom, Color.DARK_GRAY);
    panel(g, file, scoreTop, scoreBottom, "anomaly score", new double[] {0, 1});
    for (int t = 0; t < traces.size(); t++) {
      ScoreTrace trace = traces.get(t);
      Color c = PALETTE[t % PALETTE.length];
      line(g, trace.scores(), new double[] {0, 1}, scoreTop, scoreBottom, c);
      int yT = y(trace.threshold(), 0, 1, scoreTop, scoreBottom);
      g.setColor(c);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      g.drawLine(LEFT, yT, WIDTH - RIGHT, yT);
      g.setStroke(new BasicStroke(1f));
      int lastX = -10;
      int alerts = 0;
      for (int i = file.scoredFrom(); i < trace.scores().length; i++) {
        if (trace.scores()[i] >= trace.threshold()) {
          alerts++;
          int x = x(i, file.rows());
          if (x - lastX >= 3) {
            g.fillPolygon(
                new int[] {x - 4, x + 4, x},
                new int[] {
                  scoreBottom + 14 + 8 * t, scoreBottom + 14 + 8 * t, scoreBottom + 6 + 8 * t
                },
                3);
            lastX = x;
          }
        }
      }
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(
          String.format(
              Locale.ROOT,
              "%s (threshold %.4f, %d alerts)",
              trace.detector(),
              trace.threshold(),
              alerts),
          legendX(t),
          legendTop + LEGEND_ROW * (t / LEGEND_COLUMNS + 1) - 4);
    }
    g.dispose();
    write(img, png);
  }

  /**
   * Where trace {@code t}'s legend entry starts: {@link #LEGEND_COLUMNS} to a row, inside the
   * image's width.
   */
  static int legendX(int t) {
    return LEFT + 10 + LEGEND_WIDTH * (t % LEGEND_COLUMNS);
  }

  /**
   * Grouped bars: one group per detector, one bar per profile, NAB scores from min(0, lowest) to
   * 100.
   */
  public static void scoreBars(
      Path png, List<String> detectors, List<String> profiles, Map<String, double[]> scores)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    int height = 480;
    BufferedImage img =
        new BufferedImage(
            Math.max(600, 140 + detectors.size() * 160), height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img);
    int top = 50;
    int bottom = height - 70;
    double min = 0;
    for (double[] s : scores.values()) {
      for (double v : s) {
        min = Math.min(min, Math.floor(v / 10) * 10);
      }
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString("NAB scores (null = 0, perfect = 100)", LEFT, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (double v = min; v <= 100; v += 20) {
      int yy = y(v, min, 100, top, bottom);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, yy, img.getWidth() - RIGHT, yy);
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.0f", v), LEFT - 35, yy + 4);
    }
    int zero = y(0, min, 100, top, bottom);
    int groupWidth = 160;
    int barWidth = (groupWidth - 40) / Math.max(1, profiles.size());
    for (int d = 0; d < detectors.size(); d++) {
      int gx = LEFT + 20 + d * groupWidth;
      double[] s = scores.get(detectors.get(d));
      for (int p = 0; p < profiles.size(); p++) {
        int bx = gx + p * barWidth;
        int by = y(s[p], min, 100, top, bottom);
        g.setColor(PALETTE[p % PALETTE.length]);
        g.fillRect(bx, Math.min(by, zero), barWidth - 4, Math.abs(zero - by));
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.1f", s[p]), bx, Math.min(by, zero) - 3);
      }
      g.drawString(detectors.get(d), gx, bottom + 18);
    }
    for (int p = 0; p < profiles.size(); p++) {
      g.setColor(PALETTE[p % PALETTE.length]);
      g.fillRect(LEFT + p * 190, height - 30, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(profiles.get(p), LEFT + 16 + p * 190, height - 19);
    }
    g.dispose();
    write(img, png);
  }

  private static Graphics2D canvas(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    return g;
  }

  private static void panel(
      Graphics2D g, NabDataFile file, int top, int bottom, String label, double[] range) {
    g.setColor(PROBATION);
    g.fillRect(LEFT, top, x(file.scoredFrom(), file.rows()) - LEFT, bottom - top);
    g.setColor(WINDOW);
    for (NabWindow w : file.windows()) {
      int x0 = x(w.start(), file.rows());
      int x1 = x(w.end(), file.rows());
      g.fillRect(x0, top, Math.max(1, x1 - x0), bottom - top);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, top, WIDTH - LEFT - RIGHT, bottom - top);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(label, LEFT, top - 4);
    g.drawString(String.format(Locale.ROOT, "%.4g", range[1]), 5, top + 10);
    g.drawString(String.format(Locale.ROOT, "%.4g", range[0]), 5, bottom);
  }

  private static void line(Graphics2D g, double[] v, double[] range, int top, int bottom, Color c) {
    Path2D.Double path = new Path2D.Double();
    for (int i = 0; i < v.length; i++) {
      double px = x(i, v.length);
      double py = y(v[i], range[0], range[1], top, bottom);
      if (i == 0) {
        path.moveTo(px, py);
      } else {
        path.lineTo(px, py);
      }
    }
    g.setColor(c);
    g.setStroke(new BasicStroke(1f));
    g.draw(path);
  }

  private static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return hi > lo ? new double[] {lo, hi} : new double[] {lo - 1, hi + 1};
  }

  private static int x(int i, int n) {
    return LEFT + (int) Math.round((double) i * (WIDTH - LEFT - RIGHT) / Math.max(1, n - 1));
  }

  private static int y(double v, double lo, double hi, int top, int bottom) {
    return bottom - (int) Math.round((v - lo) / (hi - lo) * (bottom - top));
  }

  private static void write(BufferedImage img, Path png) throws IOException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(img, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }
}
