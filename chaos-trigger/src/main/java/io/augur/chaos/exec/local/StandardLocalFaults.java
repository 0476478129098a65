package io.augur.chaos.exec.local;

import java.util.List;

/**
 * The local fault families Augur ships, in the order the executor tries them for a type. Each
 * family adds its line here.
 */
public final class StandardLocalFaults {
  private StandardLocalFaults() {}

  public static List<LocalFault> all() {
    // netns before proxy: a bandwidth limit on a target in a network namespace uses tc, else the
    // proxy
    return List.of(
        new SignalFault(),
        new StressFault(),
        new DiskFillFault(),
        new NetnsFault(),
        new ProxyFault());
  }
}
