/**
 * Prometheus remote read, written from the protocol: hand-encoded protobuf messages ({@link
 * io.augur.job.prometheus.RemoteReadCodec}), snappy blocks, the STREAMED_XOR_CHUNKS frames with
 * CRC32C ({@link io.augur.job.prometheus.ChunkedFrames}) and Gorilla XOR chunks ({@link
 * io.augur.job.prometheus.XorChunk}); an HTTP client with auth, TLS, timeouts and retries ({@link
 * io.augur.job.prometheus.RemoteReadClient}); and a FLIP-27 Flink source that polls it in steps
 * ({@link io.augur.job.prometheus.PrometheusRemoteReadSource}).
 */
package io.augur.job.prometheus;
