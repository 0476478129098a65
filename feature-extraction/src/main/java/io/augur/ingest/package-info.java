/** Wire formats Augur reads samples from: prometheus-kafka-adapter JSON, RFC 3339 timestamps. */
package io.augur.ingest;
