package io.augur.evaluation.nab;

import io.augur.evaluation.detect.Folds;
import io.augur.evaluation.detect.PostProcessing;
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
 * Cross-fits the post-processing ({@link PostProcessing}: ranking, anomaly likelihood, new-extreme
 * rule, event-suppression memory) and the raw variant of detectors whose raw results are in NAB's
 * layout: per fold ({@link Folds}) the (variant, post-processing) with the best standard score on
 * the other fold's files is chosen, and the composite (each file scored with what was chosen
 * without its labels) is scored under every profile. Prints a Markdown table; the chosen settings
 * are what the registered detectors use ({@code AugurDetectors}).
 */
@Command(
    name = "nab-cross-fit",
    mixinStandardHelpOptions = true,
    description =
        "Choose the raw variant and post-processing per fold on the other fold's NAB files; "
            + "score the composite.")
public final class NabCrossFitCommand implements Callable<Integer> {

  @Option(
      names = "--nab-dir",
      defaultValue = "../shared/datasets/nab",
      description = "NAB directory")
  Path nabDir;

  @Option(names = "--results-dir", required = true, description = "Raw results in NAB's layout")
  Path resultsDir;

  @Option(
      names = "--detectors",
      split = ",",
      required = true,
      description = "Raw detectors under --results-dir")
  List<String> detectors;

  @Option(
      names = "--alternatives",
      split = ",",
      description =
          "Raw variants of --detectors (paired by position, "
              + "several joined by +, or none) the cross-fit may choose instead, e.g. augur-sf-raw+augur-max-raw for augur-raw")
  List<String> alternatives;

  @Option(
      names = "--memories",
      split = ",",
      defaultValue = "0,25,50,100,200,400,800,1600",
      description =
          "Suppression memories to choose from (0: none); factor 0.5 (default: ${DEFAULT-VALUE})")
  List<Integer> memories;

  @Option(
      names = "--ranks",
      split = ",",
      arity = "1",
      defaultValue = "false",
      description =
          "Whether scores are ranked within their series first: false, true or both "
              + "(default: ${DEFAULT-VALUE})")
  List<Boolean> ranks;

  @Option(
      names = "--likelihoods",
      split = ",",
      arity = "1",
      defaultValue = "false",
      description =
          "Whether scores are turned into Numenta's anomaly likelihood: false, true or both "
              + "(default: ${DEFAULT-VALUE})")
  List<Boolean> likelihoods;

  @Option(
      names = "--extremes",
      split = ",",
      defaultValue = "0",
      description =
          "New-extreme tolerances to choose from (0: no new-extreme rule) (default: ${DEFAULT-VALUE})")
  List<Double> extremes;

  @Option(
      names = "--out",
      description =
          "Also write each composite in NAB's layout here, named as its detector "
              + "without the -raw suffix (score it with `evaluate nab --results-dir`)")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new NabCrossFitCommand()).execute(args));
  }

  /** One candidate per post-processing of the grid, named as {@link PostProcessing#name()}. */
  public static List<NabCrossFit.Candidate> candidates(
      List<Boolean> ranks,
      List<Boolean> likelihoods,
      List<Double> extremes,
      List<Integer> memories) {
    List<NabCrossFit.Candidate> out = new ArrayList<>();
    for (PostProcessing p : PostProcessing.grid(ranks, likelihoods, extremes, memories)) {
      out.add(new NabCrossFit.Candidate(p.name(), p::wrap));
    }
    return out;
  }

  @Override
  public Integer call() {
    PrintStream out = System.out;
    NabCorpus corpus = NabCorpus.load(nabDir);
    for (int fold = 0; fold < Folds.COUNT; fold++) {
      int f = fold;
      List<NabDataFile> files =
          corpus.files().stream().filter(x -> Folds.of(x.relativePath()) == f).toList();
      out.printf(
          Locale.ROOT,
          "fold %d: %d files, %d windows%n",
          fold,
          files.size(),
          files.stream().mapToInt(x -> x.windows().size()).sum());
    }
    List<NabCrossFit.Candidate> candidates = candidates(ranks, likelihoods, extremes, memories);
    out.println();
    out.println(
        "| detector | chosen on fold 1, used on fold 0 | chosen on fold 0, used on fold 1 | standard | "
            + "reward_low_FP | reward_low_FN |");
    out.println("|---|---|---|---:|---:|---:|");
    StringBuilder detail = new StringBuilder();
    if (alternatives != null && alternatives.size() != detectors.size()) {
      throw new IllegalArgumentException(
          "--alternatives must pair with --detectors, got " + alternatives);
    }
    for (int i = 0; i < detectors.size(); i++) {
      String d = detectors.get(i);
      List<DetectorScores> variants =
          new ArrayList<>(List.of(NabResultFiles.read(resultsDir, d, corpus)));
      if (alternatives != null) {
        for (String alternative : alternatives.get(i).split("\\+")) {
          if (alternative.equals("none")) {
            continue;
          }
          variants.add(NabResultFiles.read(resultsDir, alternative, corpus));
        }
      }
      List<NabCrossFit.Sourced> sourced = new ArrayList<>();
      for (DetectorScores v : variants) {
        candidates.forEach(c -> sourced.add(new NabCrossFit.Sourced(v, c)));
      }
      String name = d.endsWith("-raw") ? d.substring(0, d.length() - 4) : d + "-crossfit";
      NabCrossFit.Result r = NabCrossFit.runSourced(corpus, sourced, NabProfile.STANDARD, name);
      if (this.out != null) {
        for (NabDataFile f : corpus.files()) {
          NabResultFiles.write(this.out, name, f, r.composite().scores(f.relativePath()));
        }
      }
      List<ProfileScore> scores =
          new NabScorer(corpus).scoreOptimised(r.composite(), NabProfile.ALL);
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %.2f | %.2f | %.2f |%n",
          d,
          r.chosen().get(0),
          r.chosen().get(1),
          scores.get(0).normalisedScore(),
          scores.get(1).normalisedScore(),
          scores.get(2).normalisedScore());
      for (int fold = 0; fold < Folds.COUNT; fold++) {
        detail.append(
            String.format(
                Locale.ROOT,
                "%s, standard score on fold %d's files (choosing for fold %d): %s%n",
                d,
                1 - fold,
                fold,
                r.selection().get(fold)));
      }
    }
    out.println();
    out.print(detail);
    return 0;
  }
}
