package io.augur.models.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.models.ComponentWindow;
import io.augur.models.ProgressListener;
import io.augur.models.SyntheticData;
import io.augur.models.TrainingSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmForwardTest {

  private static final TrainingSet DATA = SyntheticData.set(5, 8, 120, 2);

  private static void assertSameOutputs(LstmModel m, List<ComponentWindow> ws) {
    double[][] dl4j = m.dl4jOutputs(ws);
    double[][] plain = m.forwardOutputs(ws);
    for (int i = 0; i < ws.size(); i++) {
      for (int k = 0; k < dl4j[i].length; k++) {
        assertEquals(dl4j[i][k], plain[i][k], 1e-4, "window " + i + " output " + k);
      }
    }
  }

  @Test
  void shouldComputeTanhAsTheJdkDoes() {
    for (double v = -30; v <= 30; v += 0.001) {
      assertEquals(Math.tanh(v), LstmForward.tanh(v), 1e-15, "tanh(" + v + ")");
    }
    assertEquals(1.0, LstmForward.tanh(800), 0.0);
    assertEquals(-1.0, LstmForward.tanh(-800), 0.0);
  }

  @Test
  void shouldMatchDl4jOutputForForecaster() {
    LstmModel m =
        LstmModel.trainForecaster(
            SyntheticData.SCHEMA,
            SyntheticData.normalWindows(DATA),
            new LstmModel.Params(LstmModel.Mode.FORECAST, 8, 6, 1, 0.01, 64),
            3,
            ProgressListener.NONE);
    assertSameOutputs(m, SyntheticData.windows(DATA).subList(0, 50));
  }

  @Test
  void shouldMatchDl4jOutputForHorizonClassifier() {
    LstmModel m =
        LstmModel.trainClassifier(
            SyntheticData.SCHEMA,
            DATA.labelled(),
            new LstmModel.Params(LstmModel.Mode.HORIZON, 8, 6, 1, 0.01, 64),
            3,
            ProgressListener.NONE);
    assertSameOutputs(m, SyntheticData.windows(DATA).subList(0, 50));
  }
}
