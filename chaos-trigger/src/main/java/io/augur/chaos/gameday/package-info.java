/**
 * Game days: a {@link io.augur.chaos.gameday.Scenario} of phases (preparation, failure injection,
 * response, recovery) with actions (notify, snapshot, inject, failover) and validations, run by
 * {@link io.augur.chaos.gameday.GameDay} on the recovery tests' inject/revert path, reported by
 * {@link io.augur.chaos.gameday.GameDayReport}.
 */
package io.augur.chaos.gameday;
