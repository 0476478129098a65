package io.augur.job.reload;

import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny stand-in bundles: a manifest naming the version and a model.txt that must say "weights". */
final class TextBundles {
  private TextBundles() {}

  static final BundleLoader<String> LOADER =
      dir -> {
        String manifest = Files.readString(dir.resolve("manifest.json"));
        String version =
            manifest.replaceAll("(?s).*\"bundleVersion\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String model = Files.readString(dir.resolve("model.txt"));
        if (!model.equals("weights")) {
          throw new IllegalArgumentException("model.txt: checksum mismatch");
        }
        return new BundleLoader.Loaded<>("model-" + version, version);
      };

  static Path write(Path root, String version, boolean good, long mtime) throws Exception {
    Path dir = Files.createDirectories(root.resolve(version));
    Files.writeString(dir.resolve("model.txt"), good ? "weights" : "garbage");
    Path m =
        Files.writeString(dir.resolve("manifest.json"), "{\"bundleVersion\": \"" + version + "\"}");
    Files.setLastModifiedTime(m, java.nio.file.attribute.FileTime.fromMillis(mtime));
    return dir;
  }
}
