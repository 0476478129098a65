package io.augur.job;

import io.augur.domain.DeadLetter;
import io.augur.domain.FailureAlert;
import io.augur.domain.FailurePrediction;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Explicit type information for the job's low-volume records (no Kryo fallback). */
public final class Types {
  private Types() {}

  public static final TypeInformation<DeadLetter> DEAD_LETTER = new JsonTypeInfo<>(DeadLetter.class);
  public static final TypeInformation<FailurePrediction> PREDICTION = new JsonTypeInfo<>(FailurePrediction.class);
  public static final TypeInformation<FailureAlert> ALERT = new JsonTypeInfo<>(FailureAlert.class);
  public static final TypeInformation<io.augur.domain.ExperimentPlan> PLAN =
      new JsonTypeInfo<>(io.augur.domain.ExperimentPlan.class);
}
