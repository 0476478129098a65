/**
 * What an experiment is, independent of how it was planned or gated: the planned experiment, its
 * target selection, its rollout steps and the Kubernetes name rules they obey. Planning ({@code
 * chaos.plan}) and the safety gates ({@code chaos.safety}) both build on it.
 */
package io.augur.chaos.experiment;
