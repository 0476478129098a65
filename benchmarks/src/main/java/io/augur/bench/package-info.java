/** JMH benchmarks of Augur's hot paths; figures and commands are recorded in docs/BENCHMARKS.md. */
package io.augur.bench;
