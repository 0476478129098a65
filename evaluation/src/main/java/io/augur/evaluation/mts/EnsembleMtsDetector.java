package io.augur.evaluation.mts;

import io.augur.domain.FeatureVector;
import io.augur.models.ComponentWindow;
import io.augur.models.ensemble.EnsembleTrainer;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Augur's ensemble ({@code io.augur.models.ensemble}: isolation forest / Smile, random forest /
 * Tribuo, LSTM / DL4J) as a multivariate detector, seen one of three ways:
 *
 * <ul>
 *   <li>{@link View#COMBINED} ({@code augur}): the members' raw scores, each put on the scale of
 *       its own train scores ({@link ScoreScale}), averaged over {@link Settings#combined()} and
 *       smoothed by a trailing mean over {@link Settings#smoothing()} rows: an unsupervised
 *       combination that needs no label;
 *   <li>{@link View#STACKED} ({@code augur-stacked}): the ensemble's own stacked and calibrated
 *       probability, whose weights were fitted on injected faults;
 *   <li>{@link View#MEMBER} ({@code augur-<member>}): one member alone, its scaled raw score.
 * </ul>
 *
 * All views of one {@link EnsembleFits} share one trained ensemble per machine.
 */
public final class EnsembleMtsDetector implements MultivariateDetector {

  /** Which score of the trained ensemble this detector reports. */
  public enum View {
    COMBINED,
    STACKED,
    MEMBER
  }

  /**
   * How the ensemble is trained and combined; the same for every machine and dataset.
   *
   * @param trainer the models module's trainer configuration (members, their parameters, LSTM mode)
   * @param chunks pieces the train rows are cut into; every other one gets an injected fault
   * @param seed seed of the fault injection and of the trainer
   * @param spread 0: injected faults touch 1-3 metrics; above 0: also every metric whose train
   *     correlation with a faulted one is at least this in absolute value ({@link
   *     CorrelatedFaults})
   * @param combined members averaged by the {@code COMBINED} view
   * @param smoothing rows of the {@code COMBINED} view's trailing mean (1: none)
   */
  public record Settings(
      EnsembleTrainer.Config trainer,
      int chunks,
      long seed,
      double spread,
      Set<String> combined,
      int smoothing) {
    public Settings {
      if (trainer == null) {
        throw new IllegalArgumentException("trainer must not be null");
      }
      if (chunks < 6) {
        throw new IllegalArgumentException(
            "chunks must be >= 6 (3 faulty, 3 normal for the trainer's split), got " + chunks);
      }
      if (!(spread >= 0 && spread <= 1)) {
        throw new IllegalArgumentException("spread must be within [0, 1], got " + spread);
      }
      combined = Set.copyOf(combined);
      if (combined.isEmpty() || !trainer.members().containsAll(combined)) {
        throw new IllegalArgumentException(
            "combined must be a non-empty subset of the members "
                + trainer.members()
                + ", got "
                + combined);
      }
      if (smoothing < 1) {
        throw new IllegalArgumentException("smoothing must be >= 1, got " + smoothing);
      }
    }

    /**
     * All three members, the LSTM as a forecaster of normal behaviour; 24 chunks, seed 42; the
     * combined score averages all three members, smoothed over 3 rows.
     */
    public static Settings defaults() {
      return defaults(0.0);
    }

    static Settings defaults(double spread) {
      EnsembleTrainer.Config trainer =
          EnsembleTrainer.Config.defaults().withLstmMode(LstmModel.Mode.FORECAST);
      return new Settings(
          trainer,
          24,
          42L,
          spread,
          Set.of(IsolationForestModel.NAME, RandomForestModel.NAME, LstmModel.NAME),
          3);
    }
  }

  private final String name;
  private final View view;
  private final String member;
  private final EnsembleFits fits;

  private EnsembleMtsDetector(String name, View view, String member, EnsembleFits fits) {
    if (fits == null) {
      throw new IllegalArgumentException("fits must not be null");
    }
    this.name = name;
    this.view = view;
    this.member = member;
    this.fits = fits;
  }

  /** {@code augur}: the members' scaled scores averaged and smoothed. */
  public static EnsembleMtsDetector combined(EnsembleFits fits) {
    return new EnsembleMtsDetector("augur", View.COMBINED, null, fits);
  }

  /** {@code augur-stacked}: the ensemble's stacked, calibrated probability. */
  public static EnsembleMtsDetector stacked(EnsembleFits fits) {
    return new EnsembleMtsDetector("augur-stacked", View.STACKED, null, fits);
  }

  /** {@code augur-<member>}: one member alone, e.g. {@code augur-isolation-forest}. */
  public static EnsembleMtsDetector member(String member, EnsembleFits fits) {
    if (member == null || !fits.settings().trainer().members().contains(member)) {
      throw new IllegalArgumentException(
          "member must be one of " + fits.settings().trainer().members() + ", got " + member);
    }
    return new EnsembleMtsDetector("augur-" + member, View.MEMBER, member, fits);
  }

  @Override
  public String name() {
    return name;
  }

  public View view() {
    return view;
  }

  @Override
  public Fitted fit(double[][] train) {
    TrainedEnsemble t = fits.fit(train);
    Settings settings = fits.settings();
    List<String> names = t.members();
    return new Fitted() {
      @Override
      public RowScorer newScorer() {
        Deque<FeatureVector> recent = new ArrayDeque<>();
        Smoother smoother = new Smoother(view == View.COMBINED ? settings.smoothing() : 1);
        long[] index = {0};
        return row -> {
          if (recent.size() == t.windowSteps()) {
            recent.removeFirst();
          }
          recent.addLast(t.vector(index[0]++, row));
          ComponentWindow w = ComponentWindow.of(new ArrayList<>(recent));
          if (view == View.STACKED) {
            return t.stackedOf(w);
          }
          return smoother.next(combine(t, names, settings, t.rawOf(w)));
        };
      }

      @Override
      public double[] scoreSeries(double[][] rows) {
        if (view == View.STACKED) {
          return t.stacked(rows).clone();
        }
        double[][] raw = t.raw(rows);
        Smoother smoother = new Smoother(view == View.COMBINED ? settings.smoothing() : 1);
        double[] out = new double[rows.length];
        double[] one = new double[names.size()];
        for (int i = 0; i < rows.length; i++) {
          for (int m = 0; m < one.length; m++) {
            one[m] = raw[m][i];
          }
          out[i] = smoother.next(combine(t, names, settings, one));
        }
        return out;
      }
    };
  }

  /** The view's unsmoothed score from each member's raw score (in {@code names} order). */
  private double combine(TrainedEnsemble t, List<String> names, Settings settings, double[] raw) {
    if (view == View.MEMBER) {
      int m = names.indexOf(member);
      return t.scale(member).apply(raw[m]);
    }
    double sum = 0;
    int n = 0;
    for (int m = 0; m < names.size(); m++) {
      if (settings.combined().contains(names.get(m))) {
        sum += t.scale(names.get(m)).apply(raw[m]);
        n++;
      }
    }
    return sum / n;
  }

  /** A trailing mean over the last {@code rows} values (causal). */
  private static final class Smoother {
    private final double[] recent;
    private int seen;

    Smoother(int rows) {
      this.recent = new double[rows];
    }

    double next(double v) {
      recent[seen % recent.length] = v;
      seen++;
      int n = Math.min(seen, recent.length);
      double total = 0;
      for (int k = 0; k < n; k++) {
        total += recent[k];
      }
      return total / n;
    }
  }

  /** The member names the models module knows, for the catalog. */
  static List<String> memberNames(Settings settings) {
    return settings.trainer().members().stream().sorted().toList();
  }
}
