/**
 * One typed configuration for every Augur command, in the style of Flink's typed options: each key
 * is a {@link io.augur.config.ConfigOption} with a type, a default and a description, declared once
 * in a section of {@link io.augur.config.AugurOptions}; a {@link io.augur.config.Configuration} is
 * built once from defaults, a YAML file, the environment and flags, and reports every bad value in
 * one line naming the key, the value, its origin and what was expected. {@link
 * io.augur.config.ConfigDocs} generates {@code docs/CONFIGURATION.md} from the catalogue. No
 * dependency beyond the JDK.
 */
package io.augur.config;
