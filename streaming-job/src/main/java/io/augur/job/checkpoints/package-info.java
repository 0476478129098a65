/** Checkpointing and state backend configuration (RocksDB, incremental). */
package io.augur.job.checkpoints;
