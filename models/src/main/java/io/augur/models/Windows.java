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
    for (int i = 0; i < windows.size(); i++) {
      ComponentWindow w = windows.get(i);
      if (w == null) {
        throw new IllegalArgumentException("windows[" + i + "] must not be null");
      }
      if (w.schema() != expected && !w.schema().equals(expected)) {
        expected.requireSame(w.schema());
      }
    }
  }
}
