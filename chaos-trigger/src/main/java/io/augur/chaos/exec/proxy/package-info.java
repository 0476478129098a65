/**
 * Augur's own TCP fault proxy, placed in front of a target the way toxiproxy is: a {@link
 * io.augur.chaos.exec.proxy.FaultProxy} forwards every connection from its listen address to an
 * upstream and applies the {@link io.augur.chaos.exec.proxy.Toxic}s active at the moment (latency
 * and jitter, bandwidth, connection resets, down, bit flips, slow close, an expired TLS
 * certificate, a 401/403 answer). Toxics are added and removed at run time over a small HTTP
 * control API ({@link io.augur.chaos.exec.proxy.ControlServer}, spoken by {@link
 * io.augur.chaos.exec.proxy.ProxyClient}); {@code augur chaos proxy} ({@link
 * io.augur.chaos.exec.proxy.ProxyCommand}) runs one until SIGTERM. Pure JDK plus Jackson; memory
 * per connection is two fixed buffers, threads are bounded.
 */
package io.augur.chaos.exec.proxy;
