package io.augur.models.lstm;

import java.util.Arrays;

/**
 * A plain-Java forward pass of a one-layer DL4J {@code LSTM} (no peepholes, tanh/sigmoid) followed
 * by a dense output layer, using DL4J's parameter layout: input weights {@code W} [nIn x 4h],
 * recurrent weights {@code RW} [h x 4h], bias {@code b} [4h], gate blocks in the order block input
 * (tanh), forget, output, input gate (sigmoid). Immutable and thread-safe; the test suite checks it
 * against DL4J's own output.
 *
 * <p>Each step's gate pre-activations are one product of {@code [x_t, h_{t-1}]} with {@code W} and
 * {@code RW} stacked into one matrix, four rows at a time (so each pass over the 4h gate values
 * reads and writes them once per four inputs, not once per input). Each row is its own array, read
 * from index 0 to the gate vector's length: that form the JIT turns into vector instructions (one
 * flat array read at four offsets was not, and ran 2.5x slower). The step loop allocates nothing.
 */
final class LstmForward {

  private final int nIn;
  private final int hidden;
  private final int nOut;
  private final double[][] wx; // [nIn + h][4h]: W's rows, then RW's
  private final double[] b; // [4h]
  private final double[] wOut; // [h][nOut]
  private final double[] bOut; // [nOut]
  private final boolean sigmoidOut;

  LstmForward(
      int nIn,
      int hidden,
      int nOut,
      double[] w,
      double[] rw,
      double[] b,
      double[] wOut,
      double[] bOut,
      boolean sigmoidOut) {
    if (w.length != nIn * 4 * hidden
        || rw.length != hidden * 4 * hidden
        || b.length != 4 * hidden
        || wOut.length != hidden * nOut
        || bOut.length != nOut) {
      throw new IllegalArgumentException(
          "LSTM parameter shapes do not match nIn="
              + nIn
              + ", hidden="
              + hidden
              + ", nOut="
              + nOut);
    }
    this.nIn = nIn;
    this.hidden = hidden;
    this.nOut = nOut;
    int g4 = 4 * hidden;
    this.wx = new double[nIn + hidden][];
    for (int i = 0; i < nIn; i++) {
      wx[i] = Arrays.copyOfRange(w, i * g4, (i + 1) * g4);
    }
    for (int i = 0; i < hidden; i++) {
      wx[nIn + i] = Arrays.copyOfRange(rw, i * g4, (i + 1) * g4);
    }
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
   * Per-thread work space for {@link #lastOutput(float[], int, Scratch, double[])}: reuse it across
   * windows.
   */
  final class Scratch {
    final double[] h = new double[hidden];
    final double[] c = new double[hidden];
    final double[] z = new double[4 * hidden];
    final double[] u = new double[nIn + hidden]; // [x_t, h_{t-1}]
  }

  Scratch scratch() {
    return new Scratch();
  }

  /**
   * Runs {@code steps} inputs ({@code x[t*nIn + j]}) through the LSTM and returns the output layer
   * applied to the last hidden state.
   */
  double[] lastOutput(double[] x, int steps) {
    float[] f = new float[steps * nIn];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) x[i];
    }
    double[] out = new double[nOut];
    lastOutput(f, steps, new Scratch(), out);
    return out;
  }

  /**
   * As {@link #lastOutput(double[], int)} over float inputs (what the model's sequences hold),
   * allocating nothing: the state lives in {@code s}, the output is written to {@code out}.
   */
  void lastOutput(float[] x, int steps, Scratch s, double[] out) {
    int g4 = 4 * hidden;
    double[] h = s.h;
    double[] c = s.c;
    double[] z = s.z;
    Arrays.fill(h, 0);
    Arrays.fill(c, 0);
    double[] u = s.u;
    for (int t = 0; t < steps; t++) {
      System.arraycopy(b, 0, z, 0, g4);
      int xo = t * nIn;
      for (int i = 0; i < nIn; i++) {
        u[i] = x[xo + i];
      }
      System.arraycopy(h, 0, u, nIn, hidden);
      int rows = t == 0 ? nIn : nIn + hidden; // h is zero before the first step
      int i = 0;
      for (; i + 3 < rows; i += 4) {
        double u0 = u[i];
        double u1 = u[i + 1];
        double u2 = u[i + 2];
        double u3 = u[i + 3];
        double[] w0 = wx[i];
        double[] w1 = wx[i + 1];
        double[] w2 = wx[i + 2];
        double[] w3 = wx[i + 3];
        for (int k = 0; k < z.length; k++) {
          z[k] += u0 * w0[k] + u1 * w1[k] + u2 * w2[k] + u3 * w3[k];
        }
      }
      for (; i < rows; i++) {
        double ui = u[i];
        double[] w0 = wx[i];
        for (int k = 0; k < z.length; k++) {
          z[k] += ui * w0[k];
        }
      }
      for (int k = 0; k < hidden; k++) {
        double a = tanh(z[k]);
        double f = sigmoid(z[hidden + k]);
        double o = sigmoid(z[2 * hidden + k]);
        double in = sigmoid(z[3 * hidden + k]);
        double ck = f * c[k] + in * a;
        c[k] = ck;
        h[k] = o * tanh(ck);
      }
    }
    System.arraycopy(bOut, 0, out, 0, nOut);
    for (int i = 0; i < hidden; i++) {
      double hi = h[i];
      int oo = i * nOut;
      for (int k = 0; k < nOut; k++) {
        out[k] += hi * wOut[oo + k];
      }
    }
    if (sigmoidOut) {
      for (int k = 0; k < nOut; k++) {
        out[k] = sigmoid(out[k]);
      }
    }
  }

  /**
   * tanh through {@code Math.exp}, which the JIT compiles to a few instructions; {@code Math.tanh}
   * is a native call on Java 17 and was a tenth of the ensemble's time. Within ~1e-16 of it.
   */
  static double tanh(double v) {
    if (v > 20) {
      return 1.0;
    }
    if (v < -20) {
      return -1.0;
    }
    double e = Math.exp(2 * v);
    return (e - 1) / (e + 1);
  }

  private static double sigmoid(double v) {
    return 1.0 / (1.0 + Math.exp(-v));
  }
}
