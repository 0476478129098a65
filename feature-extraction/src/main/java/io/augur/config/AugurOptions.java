package io.augur.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every key of Augur's configuration ({@code augur run}'s file, flags and environment), section by
 * section. Defaults are what the code uses today; where two places in the code disagree, the value
 * the running job uses wins, and the disagreement is listed here until the code is wired to this
 * catalogue:
 *
 * <ul>
 *   <li>{@code alerts.mediumAt} / {@code highAbove}: alerts are decided by {@code AlertPolicy}
 *       alone ({@link AlertOptions#policy}); the ensemble's {@code EnsembleConfig} labels
 *       predictions with its own copy of 0.7 / 0.9 from {@code Severity}; they agree today but can
 *       be set apart.
 *   <li>{@code checkpoints.interval}: in {@code deploy/augur.yaml} and {@code RunConfig}, never
 *       read by {@code RunCommand}; {@code CheckpointSettings.defaults} always checkpoints every 30
 *       s. Default 30s.
 *   <li>{@code checkpoints.restoreFrom}: read by {@code RunCommand}, missing from {@code
 *       deploy/augur.yaml}.
 *   <li>{@code chaos.maxTargets}: 1 in {@code augur run}, 3 in {@code augur chaos plan}. Default 1
 *       (the job).
 *   <li>{@code alertmanager.connectTimeout} / {@code requestTimeout}: the sink uses 5 s / 10 s, the
 *       Prometheus client ({@code HttpSettings.defaults()}) 5 s / 30 s; each keeps its own.
 *   <li>{@code job.componentLabels}: {@code deploy/augur.yaml} says "default [job, instance]",
 *       which {@code FeatureConfig} uses; with a bundle the job takes the bundle's schema but these
 *       labels.
 *   <li>{@code chaos.prometheusUrl}: the job passes {@code prometheus.url} to the health gate; here
 *       it is its own key falling back to {@code prometheus.url}.
 * </ul>
 *
 * Not covered yet: {@code ChaosConfig}'s health queries, abort conditions and score queries (lists
 * of objects), the demo's {@code simulated} chaos mode, and rules that span keys (basic auth needs
 * its password, {@code chaos.maxShare} above 0.05 needs {@code chaos.overrideShareCap}); the
 * records built from a {@link Configuration} keep checking those.
 */
public final class AugurOptions {
  private AugurOptions() {}

  /** The sections, in the order of the docs and the example file. */
  public static final List<List<ConfigOption<?>>> SECTIONS =
      List.of(
          PrometheusOptions.ALL,
          KafkaOptions.ALL,
          AlertmanagerOptions.ALL,
          ModelOptions.ALL,
          CheckpointOptions.ALL,
          JobOptions.ALL,
          AlertOptions.ALL,
          ChaosOptions.ALL);

  public static final List<ConfigOption<?>> ALL = all();

  /** A builder over the whole catalogue. */
  public static Configuration.Builder builder() {
    return Configuration.builder(ALL);
  }

  private static List<ConfigOption<?>> all() {
    List<ConfigOption<?>> all = new ArrayList<>();
    SECTIONS.forEach(all::addAll);
    return List.copyOf(all);
  }
}
