/**
 * Explicit Flink type information and serializers for the job's records (JSON for the low-volume
 * ones; never Kryo).
 */
package io.augur.job.types;
