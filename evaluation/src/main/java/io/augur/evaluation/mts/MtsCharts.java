package io.augur.evaluation.mts;

import io.augur.evaluation.metrics.CurvePoint;
import io.augur.evaluation.metrics.RankingMetrics;
import io.augur.evaluation.metrics.ScoredLabels;
import io.augur.evaluation.metrics.Segment;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * PNG charts drawn with plain java.awt (headless, no chart library): scores over time with the
 * labelled windows shaded, the calibrated threshold and its alarms; precision-recall and ROC
 * curves.
 */
final class MtsCharts {
  private static final Color[] PALETTE = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194)
  };
  private static final int LEFT = 70;
  private static final int RIGHT = 20;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private MtsCharts() {}

  /**
   * One panel per detector: test scores over time, labelled windows shaded red, alarms in orange.
   */
  static void scoresOverTime(Path file, String machine, List<MachineResult> results) {
    int width = 1400;
    int panel = 170;
    int top = 30;
    BufferedImage img =
        new BufferedImage(width, top + panel * results.size() + 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img);
    g.drawString(
        machine
            + ": test scores over time (red: labelled anomalies; dashed: calibrated threshold; "
            + "orange ticks: its alarms)",
        LEFT,
        18);
    for (int p = 0; p < results.size(); p++) {
      MachineResult r = results.get(p);
      int y0 = top + p * panel;
      int h = panel - 35;
      int plotW = width - LEFT - RIGHT;
      double[] s = r.scores();
      double lo = Arrays.stream(s).min().orElse(0);
      double hi = Math.max(quantile(s, 0.999), r.calibratedThreshold()) * 1.05;
      if (!(hi > lo)) {
        hi = lo + 1;
      }
      g.setColor(new Color(255, 210, 210));
      for (Segment seg : Segment.runsOf(r.labels())) {
        int x1 = LEFT + (int) ((long) seg.start() * plotW / s.length);
        int x2 = LEFT + (int) Math.max(x1 + 1 - LEFT, (long) seg.end() * plotW / s.length);
        g.fillRect(x1, y0, Math.max(1, x2 - x1), h);
      }
      g.setColor(Color.DARK_GRAY);
      g.drawRect(LEFT, y0, plotW, h);
      g.drawString(r.detector(), 5, y0 + 14);
      g.drawString(fmt(hi), 5, y0 + 28);
      g.drawString(fmt(lo), 5, y0 + h);
      g.setColor(PALETTE[p % PALETTE.length]);
      for (int px = 0; px < plotW; px++) {
        int from = (int) ((long) px * s.length / plotW);
        int to = Math.max(from + 1, (int) ((long) (px + 1) * s.length / plotW));
        double mn = Double.MAX_VALUE;
        double mx = -Double.MAX_VALUE;
        boolean alarm = false;
        for (int i = from; i < Math.min(to, s.length); i++) {
          mn = Math.min(mn, s[i]);
          mx = Math.max(mx, s[i]);
          alarm |= s[i] >= r.calibratedThreshold();
        }
        g.drawLine(LEFT + px, y(mn, lo, hi, y0, h), LEFT + px, y(mx, lo, hi, y0, h));
        if (alarm) {
          g.setColor(new Color(255, 140, 0));
          g.drawLine(LEFT + px, y0 + h + 3, LEFT + px, y0 + h + 9);
          g.setColor(PALETTE[p % PALETTE.length]);
        }
      }
      g.setColor(Color.BLACK);
      g.setStroke(
          new BasicStroke(
              1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
      int ty = y(r.calibratedThreshold(), lo, hi, y0, h);
      g.drawLine(LEFT, ty, LEFT + plotW, ty);
      g.setStroke(new BasicStroke(1f));
    }
    g.setColor(Color.DARK_GRAY);
    g.drawString(
        "test row 0 .. " + (results.get(0).scores().length - 1), LEFT, img.getHeight() - 8);
    write(img, file);
  }

  /** Precision-recall ({@code pr}) or ROC curves of every detector on one machine. */
  static void curves(Path file, String machine, List<MachineResult> results, boolean pr) {
    int size = 520;
    BufferedImage img = new BufferedImage(size + 200, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas(img);
    int x0 = 60;
    int y0 = 30;
    int w = size - 90;
    int h = size - 90;
    g.drawString(machine + (pr ? ": precision-recall" : ": ROC"), x0, 18);
    g.setColor(Color.DARK_GRAY);
    g.drawRect(x0, y0, w, h);
    g.drawString(pr ? "recall" : "false-positive rate", x0 + w / 2 - 40, y0 + h + 35);
    g.drawString(pr ? "y: precision" : "y: true-positive rate", 5, y0 + h + 35);
    for (int t = 0; t <= 4; t++) {
      g.drawString(fmt(t / 4.0), x0 + t * w / 4 - 10, y0 + h + 15);
      g.drawString(fmt(1 - t / 4.0), x0 - 35, y0 + t * h / 4 + 5);
    }
    for (int k = 0; k < results.size(); k++) {
      MachineResult r = results.get(k);
      ScoredLabels data = new ScoredLabels(r.scores(), r.labels());
      List<CurvePoint> pts =
          pr
              ? RankingMetrics.precisionRecallCurve(data, 2000)
              : RankingMetrics.rocCurve(data, 2000);
      g.setColor(PALETTE[k % PALETTE.length]);
      g.setStroke(new BasicStroke(2f));
      int px = x0 + (pr ? 0 : 0);
      int py = y0 + (pr ? 0 : h);
      boolean first = true;
      for (CurvePoint c : pts) {
        int nx = x0 + (int) Math.round(c.x() * w);
        int ny = y0 + h - (int) Math.round(c.y() * h);
        if (!first || !pr) {
          g.drawLine(px, py, nx, ny);
        }
        px = nx;
        py = ny;
        first = false;
      }
      double area = pr ? r.evaluation().aucPr() : r.evaluation().rocAuc();
      g.drawString(
          r.detector() + (pr ? "  AP " : "  AUC ") + fmt(area), x0 + w + 15, y0 + 20 + 20 * k);
    }
    if (pr && !results.isEmpty()) {
      MachineResult r = results.get(0);
      double base = (double) r.evaluation().anomalousRows() / r.evaluation().rows();
      g.setColor(Color.GRAY);
      int by = y0 + h - (int) Math.round(base * h);
      g.drawLine(x0, by, x0 + w, by);
      g.drawString("random " + fmt(base), x0 + w + 15, y0 + 20 + 20 * results.size());
    }
    write(img, file);
  }

  private static Graphics2D canvas(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static int y(double v, double lo, double hi, int y0, int h) {
    double clipped = Math.max(lo, Math.min(hi, v));
    return y0 + h - (int) Math.round((clipped - lo) / (hi - lo) * h);
  }

  private static double quantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
  }

  private static void write(BufferedImage img, Path file) {
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
