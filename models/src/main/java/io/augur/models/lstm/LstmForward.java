package io.augur.models.lstm;

import java.util.Arrays;

/**
 * A plain-Java forward pass of a one-layer DL4J {@code LSTM} (no peepholes, tanh/sigmoid) followed
 * by a dense output layer, using DL4J's parameter layout: input weights {@code W} [nIn x 4h],
 * recurrent weights {@code RW} [h x 4h], bias {@code b} [4h], gate blocks in the order block input
 * (tanh), forget, output, input gate (sigmoid). Immutable and thread-safe; the test suite checks it
 * against DL4J's own output.
 */
final class LstmForward {

  private final int nIn;
  private final int hidden;
  private final int nOut;
  private final double[] w; // [nIn][4h] row-major
  private final double[] rw; // [h][4h]
  private final double[] b; // [4h]
  private final double[] wOut; // [h][nOut]
  private final double[] bOut; // [nOut]
  private final boolean sigmoidOut;

  LstmForward(int nIn, int hidden, int nOut, double[] w, double[] rw, double[] b, double[] wOut, double[] bOut, boolean sigmoidOut) {
    if (w.length != nIn * 4 * hidden || rw.length != hidden * 4 * hidden || b.length != 4 * hidden
        || wOut.length != hidden * nOut || bOut.length != nOut) {
      throw new IllegalArgumentException("LSTM parameter shapes do not match nIn=" + nIn + ", hidden=" + hidden + ", nOut=" + nOut);
    }
    this.nIn = nIn;
    this.hidden = hidden;
    this.nOut = nOut;
    this.w = w.clone();
    this.rw = rw.clone();
    this.b = b.clone();
    this.wOut = wOut.clone();
    this.bOut = bOut.clone();
    this.sigmoidOut = sigmoidOut;
  }

  int nIn() {
    return nIn;
  }

  int nOut() {
    return nOut;
  }

  /**
   * Runs {@code steps} inputs ({@code x[t*nIn + j]}) through the LSTM and returns the output layer
   * applied to the last hidden state.
   */
  double[] lastOutput(double[] x, int steps) {
    int g4 = 4 * hidden;
    double[] h = new double[hidden];
    double[] c = new double[hidden];
    double[] z = new double[g4];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(b, 0, z, 0, g4);
      int xo = t * nIn;
      for (int i = 0; i < nIn; i++) {
        double xi = x[xo + i];
        if (xi == 0) {
          continue;
        }
        int wo = i * g4;
        for (int k = 0; k < g4; k++) {
          z[k] += xi * w[wo + k];
        }
      }
      for (int i = 0; i < hidden; i++) {
        double hi = h[i];
        int ro = i * g4;
        for (int k = 0; k < g4; k++) {
          z[k] += hi * rw[ro + k];
        }
      }
      for (int k = 0; k < hidden; k++) {
        double a = Math.tanh(z[k]);
        double f = sigmoid(z[hidden + k]);
        double o = sigmoid(z[2 * hidden + k]);
        double in = sigmoid(z[3 * hidden + k]);
        c[k] = f * c[k] + in * a;
        h[k] = o * Math.tanh(c[k]);
      }
    }
    double[] out = Arrays.copyOf(bOut, nOut);
    for (int i = 0; i < hidden; i++) {
      int oo = i * nOut;
      for (int k = 0; k < nOut; k++) {
        out[k] += h[i] * wOut[oo + k];
      }
    }
    if (sigmoidOut) {
      for (int k = 0; k < nOut; k++) {
        out[k] = sigmoid(out[k]);
      }
    }
    return out;
  }

  private static double sigmoid(double v) {
    return 1.0 / (1.0 + Math.exp(-v));
  }
}
