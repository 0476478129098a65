/**
 * The local executor: real faults on this machine against real local processes, so the whole loop
 * runs and is tested without a cluster. {@link io.augur.chaos.exec.local.LocalTargets} binds a
 * plan's targets to processes, proxies, network namespaces and directories; each {@link
 * io.augur.chaos.exec.local.LocalFault} carries out one family of faults (signals, stress-ng, disk
 * fill, nftables and tc in a network namespace, the TCP fault proxy), and {@link
 * io.augur.chaos.exec.local.LocalExecutor} picks the fault for a plan's type and journals it.
 */
package io.augur.chaos.exec.local;
