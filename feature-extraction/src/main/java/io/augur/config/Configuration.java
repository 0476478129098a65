package io.augur.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An immutable, typed configuration, built once from layers: defaults &lt; YAML file &lt;
 * environment ({@code AUGUR_PROMETHEUS_STEP} for {@code prometheus.step}) &lt; flags ({@code --set
 * key=value} and named flags). {@link Builder#build()} reports every problem of every layer
 * together, one line each, in a {@link ConfigException}: a bad value names the key, the value,
 * where it came from and what was expected; an unknown key gets a "did you mean". Environment
 * variables starting {@code AUGUR_} that name no section (such as {@code AUGUR_JAVA_OPTS}) are not
 * configuration and are left alone.
 */
public final class Configuration {
  private final Map<String, ConfigOption<?>> catalogue;
  private final Map<String, Object> values;
  private final Map<String, String> origins;
  private final List<String> warnings;

  private Configuration(
      Map<String, ConfigOption<?>> catalogue,
      Map<String, Object> values,
      Map<String, String> origins,
      List<String> warnings) {
    this.catalogue = Collections.unmodifiableMap(new LinkedHashMap<>(catalogue));
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
    this.warnings = List.copyOf(warnings);
  }

  public static Builder builder(Collection<? extends ConfigOption<?>> catalogue) {
    return new Builder(catalogue);
  }

  /**
   * The value set, or the default; a {@link NoSuchElementException} naming the key if there is
   * neither.
   */
  public <T> T get(ConfigOption<T> option) {
    return getOptional(option)
        .orElseThrow(
            () -> new NoSuchElementException(option.key() + " is not set and has no default"));
  }

  /** The value set, or the default, or empty. */
  public <T> Optional<T> getOptional(ConfigOption<T> option) {
    known(option);
    @SuppressWarnings("unchecked")
    T v = (T) values.get(option.key());
    return Optional.ofNullable(v != null ? v : option.defaultValue());
  }

  /** True when a layer (file, environment, flag, or a fallback key) set the option. */
  public boolean isSet(ConfigOption<?> option) {
    known(option);
    return values.containsKey(option.key());
  }

  /**
   * Where the value came from: {@code default}, {@code augur.yaml:7}, {@code env AUGUR_...}, {@code
   * flag --...}.
   */
  public String origin(ConfigOption<?> option) {
    known(option);
    return origins.getOrDefault(option.key(), option.hasDefault() ? "default" : "not set");
  }

  /** Non-fatal notes, such as a deprecated key in use. */
  public List<String> warnings() {
    return warnings;
  }

  private void known(ConfigOption<?> option) {
    if (catalogue.get(option.key()) != option) {
      throw new IllegalArgumentException(
          option.key() + " is not an option of this configuration's catalogue");
    }
  }

  /**
   * One line per option with a value, {@code key = value (origin)}; secrets show as {@code ******}.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Configuration");
    for (ConfigOption<?> o : catalogue.values()) {
      getOptional(o)
          .ifPresent(
              v ->
                  b.append("\n  ")
                      .append(o.key())
                      .append(" = ")
                      .append(show(o, v))
                      .append(" (")
                      .append(origin(o))
                      .append(")"));
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static <T> String show(ConfigOption<T> o, Object v) {
    return o.type().format((T) v);
  }

  /** Collects the layers; {@link #build()} types and checks them all at once. */
  public static final class Builder {
    private static final int FILE = 100;
    private static final int ENV = 1000;
    private static final int FLAG = 2000;

    private enum Kind {
      KEY,
      FILE,
      DEPRECATED
    }

    private record Name(ConfigOption<?> option, Kind kind) {}

    private record Candidate(Name name, String written, Object raw, String origin, int rank) {}

    private final Map<String, ConfigOption<?>> options = new LinkedHashMap<>();
    private final Map<String, Name> names = new LinkedHashMap<>();
    private final Map<String, String> envNames = new LinkedHashMap<>();
    private final Map<String, ConfigOption<?>> flags = new LinkedHashMap<>();
    private final Set<String> sections = new TreeSet<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int files;

    private Builder(Collection<? extends ConfigOption<?>> catalogue) {
      for (ConfigOption<?> o : catalogue) {
        if (options.put(o.key(), o) != null) {
          throw new IllegalArgumentException("the catalogue has " + o.key() + " twice");
        }
        name(o.key(), new Name(o, Kind.KEY));
        if (o.secret()) {
          name(o.fileKey(), new Name(o, Kind.FILE));
        }
        o.deprecatedKeys().forEach(k -> name(k, new Name(o, Kind.DEPRECATED)));
        if (o.flag() != null && flags.put(o.flag(), o) != null) {
          throw new IllegalArgumentException("the catalogue has flag " + o.flag() + " twice");
        }
        sections.add(o.key().substring(0, o.key().indexOf('.')));
      }
      for (ConfigOption<?> o : catalogue) {
        for (String f : o.fallbackKeys()) {
          ConfigOption<?> target = options.get(f);
          if (target == null || target.type() != o.type()) {
            throw new IllegalArgumentException(
                o.key() + ": fallback key " + f + " must be an option of the same type");
          }
        }
      }
    }

    private void name(String key, Name n) {
      if (names.put(key, n) != null) {
        throw new IllegalArgumentException("the catalogue has key " + key + " twice");
      }
      envNames.put(ConfigOption.envName(key), key);
    }

    /** The YAML file layer; a later file overrides an earlier one. */
    public Builder yaml(Path file) {
      try {
        return yaml(Files.readString(file), file.toString());
      } catch (IOException e) {
        problems.add("cannot read configuration file " + file + ": " + e);
        return this;
      }
    }

    /** YAML text as a file layer; {@code source} names it in messages. */
    public Builder yaml(String text, String source) {
      YamlLayer.Parsed p = YamlLayer.parse(text, source);
      problems.addAll(p.problems());
      files++;
      p.values().forEach(v -> add(v.key(), v.value(), v.origin(), FILE + files));
      return this;
    }

    /**
     * A file layer already read into a tree of maps, lists and scalars (by a YAML library, say).
     */
    public Builder tree(Map<String, ?> tree, String source) {
      files++;
      flatten("", tree, source, FILE + files);
      return this;
    }

    private void flatten(String prefix, Map<String, ?> tree, String source, int rank) {
      for (Map.Entry<String, ?> e : tree.entrySet()) {
        String key = prefix + e.getKey();
        Object v = e.getValue();
        if (v instanceof Map<?, ?> m) {
          @SuppressWarnings("unchecked")
          Map<String, ?> sub = (Map<String, ?>) m;
          flatten(key + ".", sub, source, rank);
        } else if (v instanceof List<?> l) {
          add(
              key,
              l.stream()
                  .map(
                      x ->
                          x instanceof Map<?, ?> || x instanceof List<?> || x == null
                              ? x
                              : x.toString())
                  .toList(),
              source,
              rank);
        } else if (v != null) {
          add(key, v.toString(), source, rank);
        }
      }
    }

    /** The environment layer: {@code AUGUR_PROMETHEUS_STEP} sets {@code prometheus.step}. */
    public Builder env(Map<String, String> env) {
      new TreeSet<>(env.keySet())
          .forEach(
              var -> {
                String key = envNames.get(var);
                if (key != null) {
                  add(key, env.get(var), "env " + var, ENV);
                } else if (sections.stream()
                    .anyMatch(s -> var.startsWith(ConfigOption.envName(s) + "_"))) {
                  problems.add(
                      "unknown environment variable " + var + suggestion(var, envNames.keySet()));
                }
              });
      return this;
    }

    /** {@code --set key=value}. */
    public Builder set(String assignment) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        problems.add(
            "--set " + assignment + ": expected key=value, e.g. --set prometheus.step=30s");
        return this;
      }
      String key = assignment.substring(0, eq).strip();
      return add(key, assignment.substring(eq + 1), "flag --set " + key, FLAG);
    }

    /**
     * A named flag such as {@code --prometheus-url}; a null value (the flag not given) is ignored.
     */
    public Builder flag(String flag, Object value) {
      ConfigOption<?> o = flags.get(flag);
      if (o == null) {
        throw new IllegalArgumentException(
            "no option has flag " + flag + "; flags are " + flags.keySet());
      }
      if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
        add(o.key(), value, "flag " + flag, FLAG);
      }
      return this;
    }

    private Builder add(String key, Object raw, String origin, int rank) {
      Name n = names.get(key);
      if (n == null) {
        problems.add("unknown key " + key + " (" + origin + ")" + suggestion(key, names.keySet()));
      } else {
        candidates.add(new Candidate(n, key, raw, origin, rank));
      }
      return this;
    }

    /** The configuration, or a {@link ConfigException} listing every problem found. */
    public Configuration build() {
      Map<String, Object> values = new LinkedHashMap<>();
      Map<String, String> origins = new LinkedHashMap<>();
      List<String> found = new ArrayList<>(problems);
      List<String> warnings = new ArrayList<>();
      for (ConfigOption<?> o : options.values()) {
        resolve(o, values, origins, found, warnings);
      }
      for (ConfigOption<?> o : options.values()) {
        for (String f : o.fallbackKeys()) {
          if (!values.containsKey(o.key()) && values.containsKey(f)) {
            String failed = check(o, values.get(f));
            if (failed == null) {
              values.put(o.key(), values.get(f));
              origins.put(o.key(), origins.get(f) + ", as " + f);
            } else {
              found.add(
                  o.key()
                      + " = "
                      + quote(show(o, values.get(f)))
                      + " ("
                      + origins.get(f)
                      + ", as "
                      + f
                      + "): expected "
                      + o.type().noun()
                      + " "
                      + failed);
            }
          }
        }
        if (o.required() && !values.containsKey(o.key())) {
          found.add(
              o.key()
                  + ": not set; expected "
                  + o.type().expected()
                  + "; set it in the file, with env "
                  + o.envName()
                  + (o.flag() == null ? "" : " or " + o.flag()));
        }
      }
      if (!found.isEmpty()) {
        throw new ConfigException(found);
      }
      return new Configuration(options, values, origins, warnings);
    }

    /**
     * Types every value given for {@code o} (so each bad one is reported); the highest layer's is
     * kept.
     */
    private void resolve(
        ConfigOption<?> o,
        Map<String, Object> values,
        Map<String, String> origins,
        List<String> found,
        List<String> warnings) {
      List<Candidate> mine =
          candidates.stream()
              .filter(c -> c.name().option() == o)
              .sorted(
                  Comparator.comparingInt(Candidate::rank)
                      .thenComparing(c -> -c.name().kind().ordinal()))
              .toList();
      if (mine.isEmpty()) {
        return;
      }
      Candidate top = mine.get(mine.size() - 1);
      List<Candidate> tied = mine.stream().filter(c -> c.rank() == top.rank()).toList();
      if (o.secret() && tied.stream().map(c -> c.name().kind()).distinct().count() > 1) {
        found.add(
            o.key()
                + ": set both directly and through "
                + o.fileKey()
                + " ("
                + tied.stream().map(Candidate::origin).collect(Collectors.joining(", "))
                + "); set one");
      }
      for (Candidate c : mine) {
        Optional<Object> v = typed(c, found);
        if (c == top && v.isPresent()) {
          values.put(o.key(), v.get());
          origins.put(o.key(), c.origin());
        }
        if (c.name().kind() == Kind.DEPRECATED) {
          warnings.add(c.written() + " (" + c.origin() + ") is deprecated; use " + o.key());
        }
      }
    }

    private Optional<Object> typed(Candidate c, List<String> found) {
      ConfigOption<?> o = c.name().option();
      String at = " (" + c.origin() + ")";
      if (o.secret() && c.name().kind() != Kind.FILE && c.rank() != ENV) {
        found.add(
            c.written()
                + at
                + ": a secret is not read from a file or a flag; put it in the file named by "
                + o.fileKey()
                + " or in env "
                + o.envName());
        return Optional.empty();
      }
      Object raw = c.raw();
      if (c.name().kind() == Kind.FILE) {
        if (!(raw instanceof String path) || path.isBlank()) {
          found.add(
              c.written()
                  + " = "
                  + quote(raw)
                  + at
                  + ": expected the path of a file holding the secret");
          return Optional.empty();
        }
        try {
          raw = Files.readString(Path.of(path.strip())).strip();
        } catch (IOException | RuntimeException e) {
          found.add(
              c.written()
                  + " = "
                  + quote(path)
                  + at
                  + ": expected a readable file ("
                  + e.getClass().getSimpleName()
                  + ")");
          return Optional.empty();
        }
      }
      String shown =
          c.name().kind() == Kind.FILE ? quote(c.raw()) : o.secret() ? "******" : quote(raw);
      try {
        Object v = o.type().read(raw);
        String failed = check(o, v);
        if (failed != null) {
          found.add(
              c.written() + " = " + shown + at + ": expected " + o.type().noun() + " " + failed);
          return Optional.empty();
        }
        return Optional.of(v);
      } catch (IllegalArgumentException e) {
        found.add(
            c.written()
                + " = "
                + shown
                + at
                + ": expected "
                + (c.name().kind() == Kind.FILE
                    ? "the file to hold " + o.type().expected()
                    : e.getMessage()));
        return Optional.empty();
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> String check(ConfigOption<T> o, Object v) {
      for (Validator<T> val : o.validators()) {
        if (!val.test().test((T) v)) {
          return val.phrase();
        }
      }
      return null;
    }

    private static String quote(Object raw) {
      if (raw instanceof List<?> l) {
        return l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
      }
      return "\"" + raw + "\"";
    }
  }

  /** {@code "; did you mean x?"} for the nearest of {@code known}, or nothing when none is near. */
  static String suggestion(String unknown, Collection<String> known) {
    String u = unknown.toLowerCase(Locale.ROOT);
    String leaf = u.substring(u.lastIndexOf(u.contains(".") ? '.' : '_') + 1);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(u, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= Math.max(2, u.length() / 6)) {
      return "; did you mean " + best + "?";
    }
    List<String> sameLeaf =
        known.stream()
            .filter(
                k ->
                    k.toLowerCase(Locale.ROOT).endsWith("." + leaf)
                        || k.toLowerCase(Locale.ROOT).endsWith("_" + leaf))
            .toList();
    return sameLeaf.isEmpty() ? "" : "; did you mean " + String.join(" or ", sameLeaf) + "?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
