/** JMH benchmarks of the model layer: batched ensemble scoring and each member's own rate. */
package io.augur.bench.models;
