package io.augur.evaluation.nab.report;

import io.augur.evaluation.metrics.CurvePoint;
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
import javax.imageio.ImageIO;

/** ROC and precision-recall curves of several detectors on one chart each (java.awt, headless). */
public final class CurveCharts {

  private static final int SIZE = 560;
  private static final int LEFT = 60;
  private static final int TOP = 40;
  private static final int PLOT = 440;

  private CurveCharts() {}

  /**
   * One chart with every detector's ROC ({@code pr == false}) or precision-recall curve, area in
   * the legend.
   */
  public static void draw(Path png, List<NabCurves> curves, boolean pr) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(SIZE + 260, SIZE + 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(
        pr
            ? "Precision-recall, NAB rows pooled (window rows positive)"
            : "ROC, NAB rows pooled (window rows positive)",
        LEFT,
        22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int t = 0; t <= 10; t += 2) {
      double v = t / 10.0;
      g.setColor(new Color(230, 230, 230));
      g.drawLine(px(v), py(0), px(v), py(1));
      g.drawLine(px(0), py(v), px(1), py(v));
      g.setColor(Color.BLACK);
      g.drawString(String.format(Locale.ROOT, "%.1f", v), px(v) - 8, py(0) + 15);
      g.drawString(String.format(Locale.ROOT, "%.1f", v), LEFT - 28, py(v) + 4);
    }
    g.drawRect(px(0), py(1), PLOT, PLOT);
    g.drawString(pr ? "recall" : "false-positive rate", LEFT + PLOT / 2 - 30, py(0) + 32);
    g.drawString(pr ? "precision" : "true-positive rate", 5, TOP - 8);
    if (!pr) {
      g.setColor(Color.GRAY);
      g.drawLine(px(0), py(0), px(1), py(1));
    }
    for (int d = 0; d < curves.size(); d++) {
      NabCurves c = curves.get(d);
      List<CurvePoint> points = pr ? c.pr() : c.roc();
      Path2D.Double path = new Path2D.Double();
      if (!pr) {
        path.moveTo(px(0), py(0));
      }
      for (CurvePoint p : points) {
        if (path.getCurrentPoint() == null) {
          path.moveTo(px(p.x()), py(p.y()));
        } else {
          path.lineTo(px(p.x()), py(p.y()));
        }
      }
      Color color = PngCharts.PALETTE[d % PngCharts.PALETTE.length];
      g.setColor(color);
      g.setStroke(new BasicStroke(1.6f));
      g.draw(path);
      g.fillRect(LEFT + PLOT + 20, TOP + 10 + d * 20, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(
          String.format(
              Locale.ROOT,
              "%s (%s %.3f)",
              c.detector(),
              pr ? "AP" : "AUC",
              pr ? c.averagePrecision() : c.rocAuc()),
          LEFT + PLOT + 36,
          TOP + 21 + d * 20);
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(img, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }

  private static int px(double v) {
    return LEFT + (int) Math.round(v * PLOT);
  }

  private static int py(double v) {
    return TOP + PLOT - (int) Math.round(v * PLOT);
  }
}
