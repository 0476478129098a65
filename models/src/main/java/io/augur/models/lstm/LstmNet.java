package io.augur.models.lstm;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The DL4J side: builds, trains, saves and loads the network, and extracts its weights. */
final class LstmNet {

  private LstmNet() {}

  static MultiLayerNetwork build(
      LstmModel.Mode mode, int nIn, int hidden, double learningRate, long seed) {
    LSTM lstm =
        new LSTM.Builder()
            .nIn(nIn)
            .nOut(hidden)
            .activation(Activation.TANH)
            .gateActivationFunction(Activation.SIGMOID)
            .build();
    NeuralNetConfiguration.ListBuilder list =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .weightInit(WeightInit.XAVIER)
            .updater(new Adam(learningRate))
            .list();
    MultiLayerConfiguration conf =
        mode == LstmModel.Mode.FORECAST
            ? list.layer(lstm)
                .layer(
                    new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY)
                        .nIn(hidden)
                        .nOut(nIn)
                        .build())
                .setInputType(InputType.recurrent(nIn))
                .build()
            : list.layer(new LastTimeStep(lstm))
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .activation(Activation.SIGMOID)
                        .nIn(hidden)
                        .nOut(1)
                        .build())
                .setInputType(InputType.recurrent(nIn))
                .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** {@code x}: [n][steps][nIn]; {@code y}: [n][steps][nOut] (forecast) or [n][1][1] (horizon). */
  static void fit(
      MultiLayerNetwork net,
      LstmModel.Mode mode,
      float[][][] x,
      float[][][] y,
      int epochs,
      int batch,
      long seed,
      io.augur.models.ProgressListener progress) {
    int n = x.length;
    INDArray in = toNcw(x);
    INDArray out = mode == LstmModel.Mode.FORECAST ? toNcw(y) : toRows(y);
    DataSet all = new DataSet(in, out);
    for (int e = 0; e < epochs; e++) {
      all.shuffle(seed + e);
      for (int from = 0; from < n; from += batch) {
        int to = Math.min(n, from + batch);
        net.fit(all.getRange(from, to));
      }
      progress.onProgress("lstm", e + 1, epochs);
    }
  }

  static INDArray toNcw(float[][][] x) {
    int n = x.length;
    int steps = x[0].length;
    int f = x[0][0].length;
    float[] flat = new float[n * f * steps];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < f; j++) {
          flat[(i * f + j) * steps + t] = x[i][t][j];
        }
      }
    }
    return Nd4j.create(flat, new long[] {n, f, steps}, 'c');
  }

  private static INDArray toRows(float[][][] y) {
    float[] flat = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      flat[i] = y[i][0][0];
    }
    return Nd4j.create(flat, new long[] {y.length, 1}, 'c');
  }

  static LstmForward forward(MultiLayerNetwork net, LstmModel.Mode mode) {
    Layer l0 = net.getLayer(0);
    Layer l1 = net.getLayer(1);
    INDArray w = l0.getParam("W");
    INDArray rw = l0.getParam("RW");
    INDArray b = l0.getParam("b");
    int nIn = (int) w.size(0);
    int hidden = (int) rw.size(0);
    INDArray wo = l1.getParam("W");
    INDArray bo = l1.getParam("b");
    return new LstmForward(
        nIn,
        hidden,
        (int) wo.size(1),
        flat(w),
        flat(rw),
        flat(b),
        flat(wo),
        flat(bo),
        mode == LstmModel.Mode.HORIZON);
  }

  private static double[] flat(INDArray a) {
    return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
  }

  static void save(MultiLayerNetwork net, Path file) throws IOException {
    ModelSerializer.writeModel(net, file.toFile(), false);
  }

  static MultiLayerNetwork load(Path file) throws IOException {
    return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
  }

  /** DL4J's own output for a batch of [n][steps][nIn] inputs: last-step outputs, [n][nOut]. */
  static double[][] dl4jLastOutputs(MultiLayerNetwork net, LstmModel.Mode mode, float[][][] x) {
    INDArray out;
    synchronized (net) {
      out = net.output(toNcw(x));
    }
    int n = x.length;
    int steps = x[0].length;
    double[][] res = new double[n][];
    for (int i = 0; i < n; i++) {
      if (mode == LstmModel.Mode.FORECAST) {
        int f = (int) out.size(1);
        res[i] = new double[f];
        for (int j = 0; j < f; j++) {
          res[i][j] = out.getDouble(i, j, steps - 1);
        }
      } else {
        res[i] = new double[] {out.getDouble(i, 0)};
      }
    }
    return res;
  }
}
