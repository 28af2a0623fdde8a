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
            return new FieldException(path, "unknown field '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? " (this section takes no fields)" : "; known fields: " + String.join(", ", known)));
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
