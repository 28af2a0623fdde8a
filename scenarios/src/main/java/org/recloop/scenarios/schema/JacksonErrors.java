package org.recloop.scenarios.schema;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import java.util.TreeSet;
import org.recloop.core.config.InvalidParameterException;

/** Turns Jackson's mapping errors into a field path and a short reason. */
public final class JacksonErrors {
    private JacksonErrors() {}

    /** The dotted path of a Jackson error, appended to {@code prefix}. */
    public static String path(JsonMappingException e, String prefix) {
        StringBuilder sb = new StringBuilder(prefix == null ? "" : prefix);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    public static FieldException toFieldException(JsonMappingException e, String prefix) {
        String path = path(e, prefix);
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof InvalidParameterException ipe) {
            String full = path.isEmpty() ? ipe.field() : path + "." + ipe.field();
            return new FieldException(full, ipe.reason());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            if (u.getKnownPropertyIds() != null) {
                for (Object o : u.getKnownPropertyIds()) {
                    known.add(String.valueOf(o));
                }
            }
            return new FieldException(path, unknownField(u.getPropertyName(), known));
        }
        if (e instanceof InvalidFormatException f) {
            return new FieldException(path, "expected " + typeName(f.getTargetType()) + ", was '" + f.getValue() + "'");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new FieldException(path, "expected " + typeName(m.getTargetType()));
        }
        if (cause instanceof IllegalArgumentException iae) {
            return new FieldException(path, iae.getMessage());
        }
        return new FieldException(path, e.getOriginalMessage());
    }

    /**
     * The reason for an unknown field: the closest known name as a suggestion (a typo such as
     * {@code reccommender} should read as one, not as a missing {@code recommender}) and every
     * known name.
     */
    public static String unknownField(String name, java.util.Collection<String> known) {
        if (known.isEmpty()) {
            return "unknown field '" + name + "' (this section takes no fields)";
        }
        String best = closest(name, known);
        return "unknown field '" + name + "'" + (best == null ? "" : "; did you mean '" + best + "'?")
                + " (known fields: " + String.join(", ", new TreeSet<>(known)) + ")";
    }

    /**
     * The known name nearest to {@code name} by edit distance (Levenshtein, ignoring case), if it
     * is near enough to be a plausible typo: at most a third of the longer name's letters (at
     * least 2) differ. Ties go to the first in sorted order, so the suggestion is stable.
     */
    public static String closest(String name, java.util.Collection<String> known) {
        String a = name.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(known)) {
            String b = k.toLowerCase(java.util.Locale.ROOT);
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            int d = prev[b.length()];
            if (d < bestDistance && d <= Math.max(2, Math.max(a.length(), b.length()) / 3)) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    static String typeName(Class<?> t) {
        if (t == null) {
            return "another value";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            return "a whole number";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(t)) {
            return "a list";
        }
        if (t.isRecord() || t.getName().contains("ObjectNode")) {
            return "a mapping";
        }
        return "a " + t.getSimpleName();
    }
}
