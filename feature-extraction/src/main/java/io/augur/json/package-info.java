/** The JSON and YAML set-ups, one per kind of wire format ({@link io.augur.json.Wire}). */
package io.augur.json;
