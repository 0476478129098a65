package io.augur.models.bundle;

import io.augur.models.Standardizer;
import io.augur.models.ensemble.Combiner;
import io.augur.models.ensemble.EnsembleConfig;
import io.augur.models.ensemble.FailureLimits;
import io.augur.models.ensemble.ModeClassifier;

/** The ensemble's own parts, as written to {@code ensemble.json}. */
record EnsembleState(
    Combiner combiner,
    Standardizer summaryNormal,
    int summarySteps,
    FailureLimits limits,
    ModeClassifier modes,
    EnsembleConfig config) {}
