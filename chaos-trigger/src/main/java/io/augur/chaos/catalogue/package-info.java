/**
 * The experiment catalogue: every experiment type Augur can plan, its category, the Chaos Mesh kind
 * that performs it, its LitmusChaos equivalent where one exists, and its defaults.
 */
package io.augur.chaos.catalogue;
