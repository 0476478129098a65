package io.augur.models.ensemble;

import io.augur.fleet.FailureMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The recommended actions per failure mode, in the order to try them. This table is the one the
 * module README documents; change both together.
 */
public final class FailureModeActions {

  private static final Map<FailureMode, List<String>> TABLE = new EnumMap<>(FailureMode.class);

  static {
    TABLE.put(
        FailureMode.MEMORY_LEAK,
        List.of(
            "restart the instance to reclaim memory",
            "roll back the latest deployment",
            "capture a heap dump before restarting"));
    TABLE.put(
        FailureMode.CPU_SATURATION,
        List.of("scale out (add replicas)", "raise the CPU limit", "shed or rate-limit load"));
    TABLE.put(
        FailureMode.DISK_FILL,
        List.of(
            "expand the volume",
            "clean up logs and temporary files",
            "check log rotation and retention"));
    TABLE.put(
        FailureMode.LATENCY_CREEP,
        List.of(
            "check slow dependencies and recent deployments",
            "scale out",
            "roll back the latest deployment"));
    TABLE.put(
        FailureMode.ERROR_RATE_BURST,
        List.of(
            "roll back the latest deployment",
            "check downstream dependencies",
            "fail over to a healthy replica"));
    TABLE.put(
        FailureMode.CONNECTION_POOL_EXHAUSTION,
        List.of(
            "raise the connection pool size",
            "find and fix connection leaks (long-held connections)",
            "restart the instance"));
  }

  /** When the mode is unknown: look before acting. */
  public static final List<String> UNKNOWN =
      List.of(
          "inspect the top contributing metrics on the component's dashboard",
          "check recent deployments and changes");

  private FailureModeActions() {}

  public static List<String> actionsFor(FailureMode mode) {
    return mode == null ? UNKNOWN : TABLE.get(mode);
  }

  /**
   * Actions for a mode id such as {@code memory-leak}; {@link #UNKNOWN} for "unknown" or an
   * unrecognised id.
   */
  public static List<String> actionsFor(String modeId) {
    if (modeId == null || modeId.isBlank() || modeId.equals("unknown")) {
      return UNKNOWN;
    }
    try {
      return actionsFor(FailureMode.fromId(modeId));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }
}
