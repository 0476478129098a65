/**
 * The random forest adapter: Tribuo's CART classification trees bagged into a depth-limited random
 * forest, trained on labelled windows ("failure within horizon H" against normal). Its vote
 * fractions are calibrated to probabilities on held-out data.
 */
package io.augur.models.forest;
