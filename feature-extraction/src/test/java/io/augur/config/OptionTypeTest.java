package io.augur.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionTypeTest {
  enum Mode {
    FAST_PATH,
    SLOW
  }

  @ParameterizedTest
  @CsvSource({
    "30s, PT30S",
    "1m30s, PT1M30S",
    "500ms, PT0.5S",
    "2h, PT2H",
    "1d, PT24H",
    "PT30S, PT30S",
    "pt1m, PT1M",
    "1h0m5s, PT1H5S",
    "1d2h, PT26H",
    "1s500ms, PT1.5S"
  })
  void shouldReadDurationsInShortAndIsoForm(String text, String iso) {
    assertEquals(Duration.parse(iso), OptionType.DURATION.read(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "30", "1M", "1.5s", "s", "30 s", "P", "-5s", "", "5s1h", "1m1m"})
  void shouldRefuseWhatIsNoDuration(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OptionType.DURATION.read(text));
    assertEquals("a duration such as 30s, 1m or PT1M", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"PT1M30S, 1m30s", "PT0.2S, 200ms", "PT24H, 24h", "PT0S, 0s", "PT1H0.001S, 1h1ms"})
  void shouldFormatDurationsSoTheyReadBack(String iso, String text) {
    assertEquals(text, Durations.format(Duration.parse(iso)));
    assertEquals(Duration.parse(iso), Durations.parse(text));
  }

  @Test
  void shouldReadEachScalarType() {
    assertEquals(4, OptionType.INT.read(" 4 "));
    assertEquals(10_000_000_000L, OptionType.LONG.read("10000000000"));
    assertEquals(0.7, OptionType.DOUBLE.read("0.7"));
    assertEquals(true, OptionType.BOOLEAN.read("TRUE"));
    assertEquals(false, OptionType.BOOLEAN.read("false"));
    assertEquals(
        Instant.parse("2026-11-26T00:00:00Z"), OptionType.INSTANT.read("2026-11-26T00:00:00Z"));
    assertEquals(
        URI.create("s3://augur/checkpoints"), OptionType.URI_TYPE.read("s3://augur/checkpoints"));
    assertEquals(Mode.FAST_PATH, OptionType.enumOf(Mode.class).read("fast-path"));
    assertEquals(Mode.FAST_PATH, OptionType.enumOf(Mode.class).read("FAST_PATH"));
    assertEquals("s3cret", OptionType.SECRET.read(" s3cret\n").reveal());
  }

  @Test
  void shouldNameWhatWasExpectedForEachBadScalar() {
    assertEquals("an integer such as 4", message(OptionType.INT, "4.5"));
    assertEquals("an integer such as 4", message(OptionType.INT, "99999999999"));
    assertEquals("a number such as 0.7", message(OptionType.DOUBLE, "NaN"));
    assertEquals("true or false", message(OptionType.BOOLEAN, "yes"));
    assertEquals(
        "an ISO-8601 instant such as 2026-11-26T00:00:00Z",
        message(OptionType.INSTANT, "yesterday"));
    assertEquals(
        "an absolute URI such as http://prometheus:9090 or s3://bucket/path",
        message(OptionType.URI_TYPE, "prometheus:9090 path"));
    assertEquals(
        "an absolute URI such as http://prometheus:9090 or s3://bucket/path",
        message(OptionType.URI_TYPE, "/var/augur"));
    assertEquals("one of fast-path, slow", message(OptionType.enumOf(Mode.class), "medium"));
    assertEquals("a non-empty secret", message(OptionType.SECRET, "  "));
    assertEquals("an integer such as 4", message(OptionType.INT, List.of("4")));
  }

  @Test
  void shouldReadListsFromYamlListsAndFromCommaSeparatedText() {
    assertEquals(
        List.of("job", "instance"), OptionType.STRING_LIST.read(List.of("job", " instance")));
    assertEquals(List.of("job", "instance"), OptionType.STRING_LIST.read("job, instance"));
    assertEquals(List.of(), OptionType.STRING_LIST.read(""));
    assertEquals(List.of(), OptionType.STRING_LIST.read("[]"));
    assertEquals(
        List.of("{job=\"a\",instance=\"b\"}", "up{x='1,2'}", "c d"),
        OptionType.STRING_LIST.read("{job=\"a\",instance=\"b\"}, up{x='1,2'}, 'c d'"));
    assertEquals(List.of("a", "b"), OptionType.STRING_LIST.read("[a, \"b\"]"));
    assertEquals("[job, instance]", OptionType.STRING_LIST.format(List.of("job", "instance")));
  }

  @Test
  void shouldCheckAllowedValuesRangesAndNonEmptiness() {
    ConfigOption<String> mode =
        ConfigOptions.key("x.mode")
            .stringType()
            .defaultValue("a")
            .withValidator(Validator.oneOf("a", "b"))
            .withDescription("mode");
    ConfigOption<Double> share =
        ConfigOptions.key("x.share")
            .doubleType()
            .defaultValue(0.5)
            .withValidator(Validator.share())
            .withDescription("share");
    ConfigOption<Duration> wait =
        ConfigOptions.key("x.wait")
            .durationType()
            .defaultValue(Duration.ofSeconds(1))
            .withValidator(Validator.positive())
            .withDescription("wait");
    List<String> p =
        assertThrows(
                ConfigException.class,
                () ->
                    Configuration.builder(List.of(mode, share, wait))
                        .set("x.mode=c")
                        .set("x.share=1.01")
                        .set("x.wait=0s")
                        .build())
            .problems();
    assertEquals(
        List.of(
            "x.mode = \"c\" (flag --set x.mode): expected a string that is one of [a, b]",
            "x.share = \"1.01\" (flag --set x.share): expected a number within (0, 1]",
            "x.wait = \"0s\" (flag --set x.wait): expected a duration > 0"),
        p);
    Configuration ok =
        Configuration.builder(List.of(mode, share, wait)).set("x.mode=b").set("x.share=1").build();
    assertEquals("b", ok.get(mode));
    assertEquals(1.0, ok.get(share));
  }

  private static String message(OptionType<?> type, Object raw) {
    return assertThrows(IllegalArgumentException.class, () -> type.read(raw)).getMessage();
  }
}
