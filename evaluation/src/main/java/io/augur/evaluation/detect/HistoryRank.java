package io.augur.evaluation.detect;

import io.augur.domain.Checks;

/**
 * Turns a detector's score into its rank among the same series' earlier scores: the share of
 * earlier scores below it (ties count half), so 0.999 means "higher than 99.9 % of what this series
 * has scored so far". A per-series model's probability means different things on different series
 * (a model trained on a short, quiet history sees every later wiggle as a fault); its rank within
 * the series does not, which is what a corpus-wide threshold needs. Streaming and causal: each
 * score is ranked against the scores before it, then kept.
 *
 * <p>Only scores from row {@code from} on are ranked and kept ({@code from} = the first row the
 * inner detector can score, e.g. the end of its training); earlier rows score 0. A score is ranked
 * only once {@link #MIN_HISTORY} scores are kept; until then it scores 0.5 ({@link RunningRank}).
 */
public final class HistoryRank implements StreamingDetector {

  /** Scores kept before a rank is given. */
  public static final int MIN_HISTORY = 10;

  private final StreamingDetector inner;
  private final int maxFrom;
  private RunningRank ranks = new RunningRank();
  private int from;
  private int row;

  /**
   * @param inner the detector whose scores are ranked
   * @param maxFrom ranking starts at {@code min(series' probationary length, maxFrom)}: where a
   *     detector that trains on its first points (at most {@code maxFrom}) starts scoring
   */
  public HistoryRank(StreamingDetector inner, int maxFrom) {
    this.inner = Checks.nonNull("inner", inner);
    this.maxFrom = (int) Checks.nonNegative("maxFrom", maxFrom);
  }

  @Override
  public void start(SeriesInfo series) {
    inner.start(series);
    from = series.scoringStart(maxFrom);
    ranks = new RunningRank();
    row = 0;
  }

  @Override
  public double score(long timestampMillis, double value) {
    double s = inner.score(timestampMillis, value);
    if (row++ < from) {
      return 0.0;
    }
    return ranks.rankThenAdd(s, MIN_HISTORY);
  }
}
