package io.augur.chaos.experiment;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes naming rules: DNS-1123 names and label values. */
public final class Names {
  /**
   * A DNS-1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most
   * 63.
   */
  public static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  /**
   * A label value: at most 63 of alphanumerics, '-', '_', '.', starting and ending alphanumeric (or
   * empty).
   */
  public static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private Names() {}

  /** Lower-cases, replaces anything else by '-', trims '-' at the ends, cuts to {@code maxLen}. */
  public static String dns1123(String s, int maxLen) {
    if (maxLen < 1 || maxLen > 63) {
      throw new IllegalArgumentException("maxLen must be within [1, 63], got " + maxLen);
    }
    String n =
        s == null
            ? ""
            : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-+", "-");
    n = trimDashes(n);
    if (n.length() > maxLen) {
      n = trimDashes(n.substring(0, maxLen));
    }
    return n.isEmpty() ? "x" : n;
  }

  public static boolean isDns1123Label(String s) {
    return s != null && s.length() <= 63 && DNS1123_LABEL.matcher(s).matches();
  }

  /** A DNS-1123 subdomain (pod names): dot-separated DNS-1123 labels, at most 253 characters. */
  public static boolean isDns1123Subdomain(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!DNS1123_LABEL.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  public static boolean isLabelValue(String s) {
    return s != null && s.length() <= 63 && LABEL_VALUE.matcher(s).matches();
  }

  /** A valid label value made from {@code s}. */
  public static String labelValue(String s) {
    String n = s == null ? "" : s.replaceAll("[^A-Za-z0-9_.-]+", "-");
    if (n.length() > 63) {
      n = n.substring(0, 63);
    }
    return n.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }

  private static String trimDashes(String n) {
    return n.replaceAll("^-+", "").replaceAll("-+$", "");
  }
}
