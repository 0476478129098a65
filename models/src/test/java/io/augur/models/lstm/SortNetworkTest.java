package io.augur.models.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortNetworkTest {

  @Test
  void shouldSortAbsoluteValuesLargestFirstAsArraysSortDoesForEveryWidth() {
    SplittableRandom r = new SplittableRandom(9);
    for (int n = 1; n <= 70; n++) {
      for (int rep = 0; rep < 50; rep++) {
        float[] a = new float[n + 5];
        for (int i = 0; i < a.length; i++) {
          // ties and zeros of both signs on purpose
          a[i] = rep % 3 == 0 ? (float) (r.nextInt(5) - 2) : (float) (r.nextGaussian() * 4);
          if (rep % 7 == 0 && i % 4 == 0) {
            a[i] = -0.0f;
          }
        }
        float[] want = a.clone();
        float[] keys = new float[n];
        for (int i = 0; i < n; i++) {
          keys[i] = -Math.abs(want[3 + i]);
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++) {
          want[3 + i] = -keys[i];
        }
        SortNetwork.sortAbsDescending(a, 3, n, SortNetwork.pairs(n));
        assertArrayEquals(want, a, "n=" + n + " rep=" + rep);
      }
    }
  }
}
