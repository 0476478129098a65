/**
 * The demo fleet: simulated services with labelled, injected failures. It feeds the demo, the
 * tests, training data and chaos rehearsals, so it lives in the lowest module where all can use it.
 */
package io.augur.fleet;
