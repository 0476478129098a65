package io.augur.models;

import io.augur.domain.FeatureSchema;
import java.util.List;

/** Checks shared by the adapters' scoring entry points. */
public final class Windows {

  private Windows() {}

  /** Throws when a window is of another schema, naming the window and both schemas. */
  public static void requireSchema(FeatureSchema expected, List<ComponentWindow> windows) {
    if (windows == null) {
      throw new IllegalArgumentException("windows must not be null");
    }
    FeatureSchema checked = expected; // the last instance found equal: a batch usually shares one
    for (int i = 0; i < windows.size(); i++) {
      ComponentWindow w = windows.get(i);
      if (w == null) {
        throw new IllegalArgumentException("windows[" + i + "] must not be null");
      }
      FeatureSchema s = w.schema();
      if (s == expected || s == checked) {
        continue;
      }
      if (!s.equals(expected)) {
        expected.requireSame(s);
      }
      checked = s;
    }
  }
}
