package io.augur.training.nab;

import io.augur.training.detect.EventSuppression;
import io.augur.training.detect.Folds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cross-fits the event-suppression memory of detectors whose raw (unsuppressed) results are in NAB's layout: per
 * fold ({@link Folds}) the memory with the best standard score on the other fold's files is chosen, and the
 * composite (each file suppressed with the memory chosen without its labels) is scored under every profile.
 * Prints a Markdown table; the chosen memories are what the registered detectors use.
 */
@Command(name = "nab-cross-fit", mixinStandardHelpOptions = true,
    description = "Choose event suppression per fold on the other fold's NAB files; score the composite.")
public final class NabCrossFitCommand implements Callable<Integer> {

  @Option(names = "--nab-dir", defaultValue = "../shared/datasets/nab", description = "NAB directory")
  Path nabDir;

  @Option(names = "--results-dir", required = true, description = "Raw results in NAB's layout")
  Path resultsDir;

  @Option(names = "--detectors", split = ",", required = true, description = "Raw detectors under --results-dir")
  List<String> detectors;

  @Option(names = "--memories", split = ",", defaultValue = "0,25,50,100,200,400",
      description = "Suppression memories to choose from (0: none); factor 0.5 (default: ${DEFAULT-VALUE})")
  List<Integer> memories;

  public static void main(String[] args) {
    System.exit(new CommandLine(new NabCrossFitCommand()).execute(args));
  }

  /** The candidates: no suppression (memory 0) or {@link EventSuppression} with each memory and factor 0.5. */
  public static List<NabCrossFit.Candidate> suppressionCandidates(List<Integer> memories) {
    List<NabCrossFit.Candidate> out = new ArrayList<>();
    for (int m : memories) {
      if (m < 0) {
        throw new IllegalArgumentException("memories must be >= 0, got " + m);
      }
      out.add(m == 0 ? new NabCrossFit.Candidate("none", d -> d)
          : new NabCrossFit.Candidate("suppress-" + m, d -> new EventSuppression(d, m, 0.5)));
    }
    return out;
  }

  @Override
  public Integer call() {
    PrintStream out = System.out;
    NabCorpus corpus = NabCorpus.load(nabDir);
    for (int fold = 0; fold < Folds.COUNT; fold++) {
      int f = fold;
      List<NabDataFile> files = corpus.files().stream().filter(x -> Folds.of(x.relativePath()) == f).toList();
      out.printf(Locale.ROOT, "fold %d: %d files, %d windows%n", fold, files.size(),
          files.stream().mapToInt(x -> x.windows().size()).sum());
    }
    List<NabCrossFit.Candidate> candidates = suppressionCandidates(memories);
    out.println();
    out.println("| detector | chosen on fold 1, used on fold 0 | chosen on fold 0, used on fold 1 | standard | "
        + "reward_low_FP | reward_low_FN |");
    out.println("|---|---|---|---:|---:|---:|");
    StringBuilder detail = new StringBuilder();
    for (String d : detectors) {
      DetectorScores raw = NabResultFiles.read(resultsDir, d, corpus);
      NabCrossFit.Result r = NabCrossFit.run(corpus, raw, candidates, NabProfile.STANDARD, d + "-crossfit");
      List<ProfileScore> scores = new NabScorer(corpus).scoreOptimised(r.composite(), NabProfile.ALL);
      out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %.2f |%n", d, r.chosen().get(0), r.chosen().get(1),
          scores.get(0).normalisedScore(), scores.get(1).normalisedScore(), scores.get(2).normalisedScore());
      for (int fold = 0; fold < Folds.COUNT; fold++) {
        detail.append(String.format(Locale.ROOT, "%s, standard score on fold %d's files (choosing for fold %d): %s%n",
            d, 1 - fold, fold, r.selection().get(fold)));
      }
    }
    out.println();
    out.print(detail);
    return 0;
  }
}
