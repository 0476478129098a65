/**
 * The learning loop: experiment outcomes recorded durably in an append-only JSON-lines log ({@link
 * io.augur.chaos.loop.OutcomeLog}), turned into labelled time windows ({@link
 * io.augur.chaos.loop.LabelledWindow}) that {@code augur train} reads as CSV or JSONL ({@link
 * io.augur.chaos.loop.LabelledWindowsFile}; the format is documented in the module README).
 */
package io.augur.chaos.loop;
