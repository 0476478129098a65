/**
 * Plans on disk and on the wire: {@link io.augur.chaos.planfile.PlanFile} writes and reads a {@link
 * io.augur.chaos.experiment.PlannedExperiment} as a versioned YAML or JSON document ({@code
 * apiVersion: augur.io/v1}, {@code kind: ChaosPlan}), strictly (unknown fields and bad values are
 * errors naming the file, the field and the value), and rebuilds one from the bare {@link
 * io.augur.domain.ExperimentPlan} JSON the streaming job emits, trusting nothing in it that would
 * loosen a safety gate. {@link io.augur.chaos.planfile.KafkaPlanSource} reads those plans from the
 * job's chaos-targets topic. Nothing here approves a plan: the gates re-run on every plan read.
 */
package io.augur.chaos.planfile;
