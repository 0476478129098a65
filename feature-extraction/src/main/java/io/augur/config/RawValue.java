package io.augur.config;

/**
 * A value as a layer supplied it, before it is typed: a {@code String}, or a {@code List<String>}.
 *
 * @param key the dotted key it was given for
 * @param origin where it came from, for messages: {@code augur.yaml:7}, {@code env
 *     AUGUR_PROMETHEUS_STEP}, {@code flag --parallelism}
 */
public record RawValue(String key, Object value, String origin) {}
