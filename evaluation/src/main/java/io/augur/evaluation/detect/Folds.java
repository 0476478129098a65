package io.augur.evaluation.detect;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Splits series into two folds by name, for cross-fitting: a setting chosen by looking at benchmark
 * scores is chosen on the files of one fold and used on the files of the other, so no file is
 * scored with a setting its own labels helped choose. The fold is the CRC-32 of the series name
 * (NAB: {@code <category>/<file>.csv}) modulo 2: fixed, known before any score, and computable by a
 * streaming detector from its {@link SeriesInfo} alone.
 */
public final class Folds {

  /** Number of folds. */
  public static final int COUNT = 2;

  private Folds() {}

  /** The fold (0 or 1) of the series named {@code seriesName}. */
  public static int of(String seriesName) {
    if (seriesName == null || seriesName.isBlank()) {
      throw new IllegalArgumentException("seriesName must not be empty, got " + seriesName);
    }
    CRC32 crc = new CRC32();
    crc.update(seriesName.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % COUNT);
  }
}
