package io.augur.evaluation.nab;

/**
 * The per-row "sweep values" of one file under one profile: what each row would add to the file's
 * score if it were flagged (SCORING.md section 4), and which window it belongs to. They do not
 * depend on any detector.
 *
 * <p>Rows inside a window are worth {@code SS(-(end - i + 1) / w) * A_TP / SS(-1)}; rows after a
 * window cost {@code SS(|i - end'| / (w' - 1)) * A_FP} with the previous window's end and width;
 * rows before any window cost the full {@code -A_FP}. Rows before {@link NabDataFile#scoredFrom()}
 * are probationary and never count.
 */
public final class NabSweep {

  /** {@link #windowOf(int)} of a row outside every window. */
  public static final int OUTSIDE = -1;

  /** {@link #windowOf(int)} of a row in the probationary period. */
  public static final int PROBATIONARY = -2;

  private final NabDataFile file;
  private final NabProfile profile;
  private final double[] values;
  private final int[] windowOf;

  private NabSweep(NabDataFile file, NabProfile profile, double[] values, int[] windowOf) {
    this.file = file;
    this.profile = profile;
    this.values = values;
    this.windowOf = windowOf;
  }

  /** NAB's scaled sigmoid: {@code 2 / (1 + e^(5x)) - 1}, and exactly -1 from x = 3 on. */
  public static double scaledSigmoid(double x) {
    if (x >= 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * x)) - 1.0;
  }

  /** Computes the sweep values of {@code file} under {@code profile}. */
  public static NabSweep of(NabDataFile file, NabProfile profile) {
    int n = file.rows();
    double maxTp = scaledSigmoid(-1.0);
    int scoredFrom = file.scoredFrom();
    double[] values = new double[n];
    int[] windowOf = new int[n];
    int next = 0; // index of the next window to enter
    int current = -1; // index of the window the row is in, or -1
    int prevEnd = -1;
    int prevWidth = -1;
    for (int i = 0; i < n; i++) {
      if (current < 0 && next < file.windows().size() && file.windows().get(next).start() == i) {
        current = next++;
      }
      if (current >= 0) {
        NabWindow w = file.windows().get(current);
        double position = -(w.end() - i + 1) / (double) w.width();
        values[i] = scaledSigmoid(position) * profile.tpWeight() / maxTp;
      } else if (prevEnd < 0) {
        values[i] = scaledSigmoid(3.0) * profile.fpWeight();
      } else {
        double position = Math.abs(prevEnd - i) / (double) (prevWidth - 1);
        values[i] = scaledSigmoid(position) * profile.fpWeight();
      }
      windowOf[i] = i < scoredFrom ? PROBATIONARY : current >= 0 ? current : OUTSIDE;
      if (current >= 0 && file.windows().get(current).end() == i) {
        prevEnd = i;
        prevWidth = file.windows().get(current).width();
        current = -1;
      }
    }
    return new NabSweep(file, profile, values, windowOf);
  }

  public NabDataFile file() {
    return file;
  }

  public NabProfile profile() {
    return profile;
  }

  /** What row {@code i} would add if flagged (NAB's {@code S(t)} column). */
  public double value(int i) {
    return values[i];
  }

  /**
   * The window index of row {@code i} within its file, {@link #OUTSIDE} or {@link #PROBATIONARY}.
   */
  public int windowOf(int i) {
    return windowOf[i];
  }

  public int rows() {
    return values.length;
  }

  /** Number of windows with at least one scorable row: each costs A_FN when missed. */
  public int scorableWindows() {
    boolean[] seen = new boolean[file.windows().size()];
    int count = 0;
    for (int w : windowOf) {
      if (w >= 0 && !seen[w]) {
        seen[w] = true;
        count++;
      }
    }
    return count;
  }

  /**
   * The file's score at {@code threshold}: rows at or after the probationary period with {@code
   * score >= threshold} are detections; each window earns its best detected row's value or costs
   * A_FN; each detection outside a window adds its (negative) value.
   */
  public double score(double[] scores, double threshold) {
    if (scores.length != values.length) {
      throw new IllegalArgumentException(
          "scores must have one entry per row ("
              + values.length
              + ") of "
              + file.relativePath()
              + ", got "
              + scores.length);
    }
    double[] best = new double[file.windows().size()];
    boolean[] scorable = new boolean[best.length];
    java.util.Arrays.fill(best, -profile.fnWeight());
    double falsePositives = 0.0;
    for (int i = 0; i < values.length; i++) {
      int w = windowOf[i];
      if (w == PROBATIONARY) {
        continue;
      }
      if (w >= 0) {
        scorable[w] = true;
      }
      if (scores[i] >= threshold) {
        if (w >= 0) {
          best[w] = Math.max(best[w], values[i]);
        } else {
          falsePositives += values[i];
        }
      }
    }
    double total = falsePositives;
    for (int w = 0; w < best.length; w++) {
      if (scorable[w]) {
        total += best[w];
      }
    }
    return total;
  }
}
