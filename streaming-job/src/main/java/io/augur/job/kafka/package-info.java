/**
 * Kafka endpoints: samples in prometheus-kafka-adapter's JSON ({@link
 * io.augur.job.kafka.SampleRecordDeserializer}, dead letters with reasons) and exactly-once JSON
 * sinks for alerts and chaos targets ({@link io.augur.job.kafka.AugurKafka}).
 */
package io.augur.job.kafka;
