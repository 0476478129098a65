/**
 * Alertmanager v2 sink: {@link io.augur.job.alertmanager.AmAlert} (the PostableAlert shape), the
 * sender-side {@link io.augur.job.alertmanager.AlertLifecycle} (resend while active, endsAt
 * horizons, resolved retention, bounded buffer), {@link io.augur.job.alertmanager.AlertDispatcher}
 * (every URL of an HA set, per-endpoint backoff) and the Flink adapter {@link
 * io.augur.job.alertmanager.AlertmanagerSink} with checkpointed writer state.
 */
package io.augur.job.alertmanager;
