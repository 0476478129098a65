package io.augur.training.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishRuleTest {
  // 6 failing windows among 24; "perfect" ranks all failing first, "noisy" interleaves two normals
  static final boolean[] Y = labels(6, 24);
  static final double[] PERFECT = scores(Y, new int[0]);
  static final double[] NOISY = scores(Y, new int[] {1, 3});
  static final PublishRule RULE = new PublishRule(0.0, 5, 18);

  static boolean[] labels(int failing, int n) {
    boolean[] y = new boolean[n];
    for (int i = 0; i < failing; i++) {
      y[i] = true;
    }
    return y;
  }

  /** Failing windows score high, except {@code demoted} ones (indices of failing windows). */
  static double[] scores(boolean[] y, int[] demoted) {
    double[] s = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = y[i] ? 0.9 - i * 0.01 : 0.5 - i * 0.01;
    }
    for (int d : demoted) {
      s[d] = 0.3 - d * 0.001; // below 14 of the 18 normal windows
    }
    return s;
  }

  @Test
  void shouldPublishABetterCandidate() {
    PublishRule.Decision d = RULE.decide(Y, PERFECT, NOISY);
    assertTrue(d.publish(), d.reason());
    assertEquals(1.0, d.candidateAucPr(), 1e-12);
    assertTrue(d.currentAucPr() < 1.0);
    assertTrue(d.reason().startsWith("candidate AUC-PR 1.0000 >= current 0."), d.reason());
  }

  @Test
  void shouldRefuseAWorseCandidateAndSayByHowMuch() {
    PublishRule.Decision d = RULE.decide(Y, NOISY, PERFECT);
    assertFalse(d.publish());
    assertEquals(
        String.format(
            java.util.Locale.ROOT,
            "candidate AUC-PR %.4f < current 1.0000 - tolerance 0.0000 on 6 failing / 18 normal held-out windows",
            AveragePrecision.of(Y, NOISY)),
        d.reason());
  }

  @Test
  void shouldPublishATieBecauseTheBarIsNotWorse() {
    assertTrue(RULE.decide(Y, NOISY, NOISY.clone()).publish());
  }

  @Test
  void shouldPublishAWorseCandidateWithinTheTolerance() {
    double gap = 1.0 - AveragePrecision.of(Y, NOISY);
    assertFalse(new PublishRule(gap * 0.99, 5, 18).decide(Y, NOISY, PERFECT).publish());
    assertTrue(new PublishRule(gap * 1.01, 5, 18).decide(Y, NOISY, PERFECT).publish());
  }

  @Test
  void shouldRefuseWhenTheHeldOutDataIsTooSmallToCompare() {
    PublishRule.Decision d = new PublishRule(0, 7, 1).decide(Y, PERFECT, NOISY);
    assertFalse(d.publish());
    assertEquals(
        "held-out recent data has 6 failing and 18 normal window(s); comparing needs >= 7 failing and >= 1 normal",
        d.reason());
    assertFalse(new PublishRule(0, 1, 19).decide(Y, PERFECT, NOISY).publish());
  }

  @Test
  void shouldPublishAFirstBundleOnlyWhenBetterThanChance() {
    PublishRule r = new PublishRule(0, 5, 18);
    assertTrue(r.decide(Y, PERFECT, null).publish());
    double[] inverted = new double[Y.length];
    for (int i = 0; i < Y.length; i++) {
      inverted[i] = -PERFECT[i];
    }
    PublishRule.Decision d = r.decide(Y, inverted, null);
    assertFalse(d.publish(), d.reason());
    assertTrue(d.reason().contains("<= chance 0.2500"), d.reason());
  }

  @Test
  void shouldNeedTwentyNormalAndFiveFailingWindowsByDefault() {
    PublishRule.Decision d = PublishRule.defaults().decide(Y, PERFECT, NOISY);
    assertFalse(d.publish(), "18 normal windows are too few for the defaults");
    assertTrue(
        PublishRule.defaults()
            .decide(labels(5, 25), scores(labels(5, 25), new int[0]), null)
            .publish());
  }

  @Test
  void shouldRejectBadSettingsNamingTheOption() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new PublishRule(-0.1, 5, 20))
            .getMessage()
            .startsWith("--tolerance"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new PublishRule(0, 0, 20))
            .getMessage()
            .startsWith("--min-failing"));
  }
}
