package io.augur.models.forest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.augur.models.ComponentWindow;
import io.augur.models.SyntheticData;
import io.augur.models.TrainingSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledForestTest {

  @Test
  void shouldScoreExactlyAsTribuoDoes() {
    TrainingSet set = SyntheticData.set(11, 12, 96, 0);
    RandomForestModel m =
        RandomForestModel.train(
            SyntheticData.SCHEMA, set.labelled(), new RandomForestModel.Params(10, 6, 0.5, 8), 3);
    List<ComponentWindow> w = SyntheticData.windows(set);
    double[] tribuo = m.tribuoScores(w);
    double[] compiled = m.rawScores(w);
    double spread = 0;
    for (int i = 0; i < w.size(); i++) {
      assertEquals(tribuo[i], compiled[i], 1e-9, "window " + i);
      spread = Math.max(spread, tribuo[i]);
    }
    assertEquals(true, spread > 0.5, "the forest votes failing somewhere");
  }
}
