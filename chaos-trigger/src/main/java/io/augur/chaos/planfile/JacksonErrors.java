package io.augur.chaos.planfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's exceptions as one line a person can act on: the field's path, the value, what was
 * expected.
 */
final class JacksonErrors {
  private static final Pattern COERCE = Pattern.compile("value \\((.*)\\) to `");

  private JacksonErrors() {}

  /** Jackson's complaint as "field a.b[0].c: ..." with the value, in one line. */
  static String describe(IOException e) {
    if (e instanceof JsonMappingException m
        && m.getCause() instanceof IllegalArgumentException iae) {
      return (path(m).isEmpty() ? "" : "at " + path(m) + ": ") + iae.getMessage();
    }
    if (e instanceof UnrecognizedPropertyException u) {
      String at = path(u);
      return "unknown field "
          + (at.isEmpty() ? u.getPropertyName() : at)
          + " (known here: "
          + u.getKnownPropertyIds()
          + ")";
    }
    if (e instanceof InvalidFormatException f) {
      return "field "
          + path(f)
          + " cannot be "
          + Fields.quote(f.getValue())
          + ": expected "
          + typeName(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m) {
      Matcher v = COERCE.matcher(firstLine(m.getOriginalMessage()));
      String at = path(m).isEmpty() ? "the document" : "field " + path(m);
      return at
          + (v.find() ? " cannot be " + v.group(1) : "")
          + ": expected "
          + typeName(m.getTargetType())
          + (v.find(0) ? "" : " (" + firstLine(m.getOriginalMessage()) + ")");
    }
    if (e instanceof JsonProcessingException p) {
      return firstLine(p.getOriginalMessage());
    }
    return firstLine(e.getMessage());
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> t) {
    if (t == null) {
      return "another type";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "a whole number";
    }
    if (t == Double.class || t == double.class) {
      return "a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) {
      return "a map";
    }
    return t.getSimpleName();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
