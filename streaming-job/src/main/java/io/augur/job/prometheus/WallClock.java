package io.augur.job.prometheus;

import java.io.Serializable;

/** Wall-clock time in epoch ms, injectable and serializable so a Flink source can carry it. */
@FunctionalInterface
public interface WallClock extends Serializable {
  WallClock SYSTEM = System::currentTimeMillis;

  long nowMs();
}
