package io.augur.evaluation.detect;

/**
 * Test detector that returns fixed scores in order, whatever the values; {@code start} rewinds it.
 */
final class Replay implements StreamingDetector {

  private final double[] scores;
  private int next;

  private Replay(double[] scores) {
    this.scores = scores;
  }

  static StreamingDetector of(double... scores) {
    return new Replay(scores);
  }

  @Override
  public void start(SeriesInfo series) {
    next = 0;
  }

  @Override
  public double score(long timestampMillis, double value) {
    return scores[next++];
  }
}
