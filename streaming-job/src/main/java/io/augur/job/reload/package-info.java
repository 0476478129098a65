/** Hot model reload: the bundle directory watcher, the broadcast model announcements and the functions that swap models. */
package io.augur.job.reload;
