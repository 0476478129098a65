package io.augur.chaos.safety;

import io.augur.domain.Checks;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Days of the week and a [start, end) time of day in a zone; end before start wraps past midnight.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {
  public TimeWindow {
    days = Set.copyOf(Checks.noNullElements("days", days));
    if (days.isEmpty()) {
      throw new IllegalArgumentException("days must not be empty");
    }
    Checks.nonNull("start", start);
    Checks.nonNull("end", end);
    Checks.nonNull("zone", zone);
    if (start.equals(end)) {
      throw new IllegalArgumentException("start and end must differ, got " + start);
    }
  }

  /** Monday to Friday, 09:00 to 17:00 in {@code zone}. */
  public static TimeWindow businessHours(ZoneId zone) {
    return new TimeWindow(
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        LocalTime.of(9, 0),
        LocalTime.of(17, 0),
        zone);
  }

  /**
   * Parses {@code MON-FRI 09:00-17:00 Europe/Paris} (days as a range or comma list; zone optional,
   * UTC).
   */
  public static TimeWindow parse(String spec) {
    String[] parts = Checks.nonBlank("spec", spec).trim().split("\\s+");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "time window must look like \"MON-FRI 09:00-17:00 UTC\", got \"" + spec + "\"");
    }
    try {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (String d : parts[0].split(",")) {
        String[] r = d.split("-");
        DayOfWeek from = day(r[0]);
        DayOfWeek to = r.length > 1 ? day(r[1]) : from;
        for (DayOfWeek x = from; ; x = x.plus(1)) {
          days.add(x);
          if (x == to) {
            break;
          }
        }
      }
      String[] t = parts[1].split("-");
      ZoneId zone = parts.length == 3 ? ZoneId.of(parts[2]) : ZoneId.of("UTC");
      return new TimeWindow(days, LocalTime.parse(t[0]), LocalTime.parse(t[1]), zone);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "time window must look like \"MON-FRI 09:00-17:00 UTC\", got \"" + spec + "\"", e);
    }
  }

  private static DayOfWeek day(String s) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().startsWith(s.trim().toUpperCase(java.util.Locale.ROOT))
          && s.trim().length() >= 3) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown day \"" + s + "\"");
  }

  public boolean contains(Instant t) {
    ZonedDateTime z = t.atZone(zone);
    LocalTime lt = z.toLocalTime();
    if (start.isBefore(end)) {
      return days.contains(z.getDayOfWeek()) && !lt.isBefore(start) && lt.isBefore(end);
    }
    // wraps midnight: the part after midnight belongs to the previous day's window
    if (!lt.isBefore(start)) {
      return days.contains(z.getDayOfWeek());
    }
    return lt.isBefore(end) && days.contains(z.getDayOfWeek().minus(1));
  }

  @Override
  public String toString() {
    return days + " " + start + "-" + end + " " + zone;
  }
}
