/**
 * The job's chaos targeting: planning rounds over the prediction stream, through the chaos
 * planner's safety gates.
 */
package io.augur.job.chaos;
