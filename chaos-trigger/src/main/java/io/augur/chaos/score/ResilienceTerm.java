package io.augur.chaos.score;

/** The six terms of the resilience score, with their weights. */
public enum ResilienceTerm {
  AVAILABILITY("availability", 0.3),
  MTTR("mttr", 0.2),
  MTBF("mtbf", 0.2),
  ERROR_BUDGET_REMAINING("error_budget_remaining", 0.1),
  CHAOS_SUCCESS_RATE("chaos_experiment_success_rate", 0.1),
  RECOVERY_AUTOMATION_RATE("recovery_automation_rate", 0.1);

  private final String key;
  private final double weight;

  ResilienceTerm(String key, double weight) {
    this.key = key;
    this.weight = weight;
  }

  public String key() {
    return key;
  }

  public double weight() {
    return weight;
  }
}
