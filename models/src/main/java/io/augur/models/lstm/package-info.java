/**
 * The LSTM adapter: a small Deeplearning4j LSTM over the last N steps of a component's vectors, in
 * one of two modes: {@code FORECAST} (predict the next step; the standardised residual becomes the
 * score) or {@code HORIZON} (classify "failure within horizon H" when labels exist). DL4J trains
 * and stores the network; scoring runs the trained weights through a plain-Java forward pass
 * ({@link io.augur.models.lstm.LstmForward}), batched and allocation-free per window, because
 * DL4J's per-op dispatch costs far more than the arithmetic of a net this small.
 */
package io.augur.models.lstm;
