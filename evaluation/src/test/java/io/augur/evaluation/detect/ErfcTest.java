package io.augur.evaluation.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErfcTest {

  private static void assertRelative(double expected, double actual) {
    assertEquals(expected, actual, Math.abs(expected) * 1e-13, "erfc");
  }

  @Test
  void shouldMatchReferenceValuesAcrossSeriesAndContinuedFractionRanges() {
    assertEquals(1.0, Erfc.erfc(0.0));
    assertRelative(0.4795001221869535, Erfc.erfc(0.5));
    assertRelative(0.15729920705028513, Erfc.erfc(1.0));
    assertRelative(0.004677734981047266, Erfc.erfc(2.0));
    assertRelative(2.209049699858544e-05, Erfc.erfc(3.0));
    assertRelative(1.5374597944280349e-12, Erfc.erfc(5.0));
    assertRelative(2.088487583762545e-45, Erfc.erfc(10.0));
    assertEquals(0.0, Erfc.erfc(40.0));
  }

  @Test
  void shouldBeSymmetricAboutOneForNegativeArguments() {
    assertRelative(2.0 - 0.15729920705028513, Erfc.erfc(-1.0));
  }

  @Test
  void shouldBeContinuousWhereTheMethodsMeet() {
    assertEquals(Erfc.erfc(Math.nextDown(2.0)), Erfc.erfc(2.0), 1e-15);
  }
}
