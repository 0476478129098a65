package io.augur.job.types;

import io.augur.domain.DeadLetter;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Explicit type information for the job's low-volume records (no Kryo fallback). */
public final class Types {
  private Types() {}

  /**
   * JSON-serialised records: explicit, tolerant of added or removed fields across versions, never
   * Kryo.
   */
  public static <T> TypeInformation<T> json(Class<T> type) {
    return new ExplicitTypeInfo<>(type, new JsonSerializer<>(type));
  }

  public static final TypeInformation<DeadLetter> DEAD_LETTER = json(DeadLetter.class);
  public static final TypeInformation<FailurePrediction> PREDICTION = json(FailurePrediction.class);
  public static final TypeInformation<FailureAlert> ALERT = json(FailureAlert.class);
  public static final TypeInformation<io.augur.domain.ExperimentPlan> PLAN =
      json(io.augur.domain.ExperimentPlan.class);
}
