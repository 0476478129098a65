package io.augur.chaos.catalogue;

/** The platform's five families of experiments. */
public enum ExperimentCategory {
  INFRASTRUCTURE,
  APPLICATION,
  DATA,
  SECURITY,
  PERFORMANCE
}
