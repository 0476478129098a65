package io.augur.models.ensemble;

import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.LabelledWindow;
import io.augur.models.TrainingSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over everything a training set holds (schema hash, components, timestamps, values,
 * labels).
 */
public final class Fingerprint {

  private Fingerprint() {}

  public static String of(TrainingSet set) {
    MessageDigest md = sha256();
    md.update(set.schema().hash().getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf = ByteBuffer.allocate(8);
    for (LabelledWindow l : set.labelled()) {
      window(md, buf, l.window());
      md.update((byte) (l.failing() ? 1 : 0));
      md.update(String.valueOf(l.mode()).getBytes(StandardCharsets.UTF_8));
    }
    md.update((byte) 0x1e);
    for (ComponentWindow w : set.normalHistory()) {
      window(md, buf, w);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void window(MessageDigest md, ByteBuffer buf, ComponentWindow w) {
    md.update(w.component().getBytes(StandardCharsets.UTF_8));
    for (FeatureVector v : w.recent()) {
      buf.clear();
      md.update(buf.putLong(v.timestampMs()).array());
      for (int j = 0; j < v.schema().size(); j++) {
        buf.clear();
        md.update(buf.putDouble(v.valueAt(j)).array());
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
