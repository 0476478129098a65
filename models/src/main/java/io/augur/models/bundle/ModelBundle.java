package io.augur.models.bundle;

import io.augur.domain.FeatureSchema;
import io.augur.models.FailureModel;
import io.augur.models.Json;
import io.augur.models.ModelInfo;
import io.augur.models.ensemble.Ensemble;
import io.augur.models.forest.RandomForestModel;
import io.augur.models.iforest.IsolationForestModel;
import io.augur.models.lstm.LstmModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Saves an {@link Ensemble} as a bundle directory and loads it back, checking everything first: the
 * manifest parses and is of a known format; every listed file exists, nothing unlisted sits beside
 * them, and each file's SHA-256 matches; the schema hash matches the schema (and, when given, the
 * schema the caller expects); then each model loads. Any failure throws a {@link BundleException}
 * naming the file and reason, and no ensemble is returned.
 */
public final class ModelBundle {

  /** The bundle format this code writes and reads. */
  public static final int FORMAT = 1;

  public static final String MANIFEST = "manifest.json";
  static final String ENSEMBLE = "ensemble.json";

  private ModelBundle() {}

  /** Writes {@code ensemble} into {@code dir} (created if absent; must be empty). */
  public static void save(Ensemble ensemble, Path dir, Clock clock) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isPresent()) {
        throw new IOException(dir + ": bundle directory must be empty");
      }
    }
    Map<String, ModelInfo> infos = new TreeMap<>();
    Map<String, List<String>> modelFiles = new TreeMap<>();
    List<String> all = new ArrayList<>();
    for (FailureModel m : ensemble.members().values()) {
      List<String> files = m.writeTo(dir);
      infos.put(m.name(), m.info());
      modelFiles.put(m.name(), files);
      all.addAll(files);
    }
    Json.write(
        dir.resolve(ENSEMBLE),
        new EnsembleState(
            ensemble.combiner(),
            ensemble.summaryNormal(),
            ensemble.summarySteps(),
            ensemble.limits(),
            ensemble.modes(),
            ensemble.config()));
    all.add(ENSEMBLE);
    Map<String, String> sums = new TreeMap<>();
    for (String f : all) {
      sums.put(f, sha256(dir.resolve(f)));
    }
    FeatureSchema schema = ensemble.schema();
    Manifest m =
        new Manifest(
            FORMAT,
            ensemble.version(),
            clock.instant().toString(),
            schema,
            schema.hash(),
            infos,
            modelFiles,
            ensemble.trainingFingerprint(),
            ensemble.validation(),
            sums);
    Json.write(dir.resolve(MANIFEST), m);
  }

  /** Loads and checks a bundle. */
  public static Ensemble load(Path dir) throws BundleException {
    return load(dir, null);
  }

  /**
   * Loads and checks a bundle, also refusing one trained on a schema other than {@code expected}.
   */
  public static Ensemble load(Path dir, FeatureSchema expected) throws BundleException {
    Manifest m = manifest(dir);
    Path mf = dir.resolve(MANIFEST);
    if (m.format() != FORMAT) {
      throw new BundleException(
          mf,
          "bundle format " + m.format() + " is not supported (this reader knows " + FORMAT + ")");
    }
    if (m.schema() == null
        || m.files() == null
        || m.models() == null
        || m.modelFiles() == null
        || m.bundleVersion() == null) {
      throw new BundleException(
          mf, "manifest lacks schema, files, models, modelFiles or bundleVersion");
    }
    if (!m.schema().hash().equals(m.schemaHash())) {
      throw new BundleException(
          mf,
          "schemaHash "
              + m.schemaHash()
              + " does not match the schema it lists ("
              + m.schema().hash()
              + ")");
    }
    if (expected != null && !expected.hash().equals(m.schemaHash())) {
      throw new BundleException(
          mf,
          "feature schema mismatch: bundle has "
              + m.schema().name()
              + " v"
              + m.schema().version()
              + " ("
              + m.schemaHash()
              + "), expected "
              + expected.name()
              + " v"
              + expected.version()
              + " ("
              + expected.hash()
              + ")");
    }
    checkFiles(dir, m);
    List<FailureModel> models = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : m.modelFiles().entrySet()) {
      FailureModel model = readModel(dir, e.getKey(), e.getValue());
      if (!model.schema().hash().equals(m.schemaHash())) {
        throw new BundleException(
            dir.resolve(e.getValue().get(0)),
            "model "
                + e.getKey()
                + " was trained on schema "
                + model.schema().hash()
                + ", the manifest says "
                + m.schemaHash());
      }
      models.add(model);
    }
    Path ef = dir.resolve(ENSEMBLE);
    try {
      EnsembleState s = Json.read(ef, EnsembleState.class);
      return new Ensemble(
          m.schema(),
          models,
          s.combiner(),
          s.summaryNormal(),
          s.summarySteps(),
          s.limits(),
          s.modes(),
          s.config(),
          m.bundleVersion(),
          m.trainingDataFingerprint(),
          m.validation());
    } catch (IOException | RuntimeException e) {
      throw new BundleException(ef, "cannot build the ensemble: " + e.getMessage(), e);
    }
  }

  /** Reads the manifest alone (for tools that list bundles). */
  public static Manifest manifest(Path dir) throws BundleException {
    Path mf = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(mf)) {
      throw new BundleException(mf, "missing: not a model bundle");
    }
    try {
      return Json.read(mf, Manifest.class);
    } catch (IOException | RuntimeException e) {
      throw new BundleException(mf, "unreadable manifest: " + e.getMessage(), e);
    }
  }

  private static void checkFiles(Path dir, Manifest m) throws BundleException {
    List<String> listed = new ArrayList<>(m.files().keySet());
    for (Map.Entry<String, List<String>> e : m.modelFiles().entrySet()) {
      for (String f : e.getValue()) {
        if (!m.files().containsKey(f)) {
          throw new BundleException(
              dir.resolve(f), "file of model " + e.getKey() + " has no checksum in the manifest");
        }
      }
    }
    if (!m.files().containsKey(ENSEMBLE)) {
      throw new BundleException(dir.resolve(ENSEMBLE), "has no checksum in the manifest");
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (!name.equals(MANIFEST) && !m.files().containsKey(name)) {
          throw new BundleException(p, "not listed in the manifest");
        }
      }
    } catch (IOException e) {
      throw new BundleException(dir, "cannot list the bundle: " + e.getMessage(), e);
    }
    for (String f : listed) {
      Path p = dir.resolve(f).normalize();
      if (!p.getParent().equals(dir.normalize())) {
        throw new BundleException(p, "listed path leaves the bundle directory");
      }
      if (!Files.isRegularFile(p)) {
        throw new BundleException(p, "missing");
      }
      String actual;
      try {
        actual = sha256(p);
      } catch (IOException e) {
        throw new BundleException(p, "unreadable: " + e.getMessage(), e);
      }
      if (!actual.equals(m.files().get(f))) {
        throw new BundleException(
            p,
            "checksum mismatch (corrupt or truncated): SHA-256 "
                + actual
                + ", manifest says "
                + m.files().get(f));
      }
    }
  }

  private static FailureModel readModel(Path dir, String name, List<String> files)
      throws BundleException {
    Path first = dir.resolve(files.isEmpty() ? name : files.get(0));
    try {
      return switch (name) {
        case IsolationForestModel.NAME -> IsolationForestModel.readFrom(dir);
        case RandomForestModel.NAME -> RandomForestModel.readFrom(dir);
        case LstmModel.NAME -> LstmModel.readFrom(dir);
        default -> throw new BundleException(first, "unknown model \"" + name + "\"");
      };
    } catch (IOException | RuntimeException e) {
      throw new BundleException(first, "model " + name + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  static String sha256(Path f) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
