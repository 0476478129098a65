/**
 * Hot model reload: the bundle directory watcher, the broadcast model announcements and the holder
 * that swaps models.
 */
package io.augur.job.reload;
