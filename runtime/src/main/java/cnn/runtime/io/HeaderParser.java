package cnn.runtime.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python dict literal of a {@code .npy} header, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}. Only the three keys numpy
 * writes are accepted; anything else is a format error (reported as an {@link IllegalArgumentException}
 * message that the caller wraps with the file name).
 */
final class HeaderParser {

    private final String text;
    private int pos;

    private HeaderParser(String text) {
        this.text = text;
    }

    static NpyHeader parse(String text) {
        return new HeaderParser(text).header();
    }

    private NpyHeader header() {
        Map<String, Object> dict = dict();
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected text after the header dictionary");
        }
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw new IllegalArgumentException("header must have exactly the keys descr, fortran_order, shape; found "
                    + dict.keySet());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new IllegalArgumentException("header descr is not a simple type string (structured arrays are not supported)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new IllegalArgumentException("header fortran_order is not True or False");
        }
        if (fortran) {
            throw new IllegalArgumentException("array is in Fortran order; save it in C order "
                    + "(numpy.ascontiguousarray) before loading");
        }
        if (!(dict.get("shape") instanceof long[] dims)) {
            throw new IllegalArgumentException("header shape is not a tuple of integers");
        }
        int[] shape = new int[dims.length];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("header shape has a negative dimension: " + dims[i]);
            }
            if (dims[i] > Shapes.MAX_ELEMENTS) {
                throw new IllegalArgumentException("header shape dimension " + dims[i] + " is too large");
            }
            shape[i] = (int) dims[i];
            n = n * dims[i];
            if (n > Shapes.MAX_ELEMENTS) {
                throw new IllegalArgumentException("header shape " + Shapes.format(shape) + " has more than "
                        + Shapes.MAX_ELEMENTS + " elements");
            }
        }
        return new NpyHeader(dtype(descr), order(descr), shape);
    }

    private static DType dtype(String descr) {
        if (descr.length() >= 3) {
            try {
                int size = Integer.parseInt(descr.substring(2));
                DType t = DType.of(descr.charAt(1), size);
                if (t != null && "<>|=".indexOf(descr.charAt(0)) >= 0) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr
                + "' (supported: float32, float64, int8/16/32/64, uint8/16/32/64, bool)");
    }

    private static ByteOrder order(String descr) {
        return switch (descr.charAt(0)) {
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> ByteOrder.LITTLE_ENDIAN;
        };
    }

    private Map<String, Object> dict() {
        expect('{');
        Map<String, Object> out = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return out;
            }
            String key = string();
            expect(':');
            Object value = value();
            if (out.put(key, value) != null) {
                throw error("duplicate key '" + key + "'");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private Object value() {
        skipSpace();
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error("unsupported value");
    }

    private long[] tuple() {
        expect('(');
        List<Long> dims = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == ')') {
                pos++;
                break;
            }
            dims.add(integer());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in shape");
            }
        }
        if (dims.size() > 32) {
            throw error("shape has " + dims.size() + " dimensions (numpy allows 32)");
        }
        long[] out = new long[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i);
        }
        return out;
    }

    private long integer() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected an integer in shape");
        }
        String s = text.substring(start, pos);
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++; // Python 2 long suffix, written by old numpy versions
        }
        if (pos - digits > 18) {
            throw new IllegalArgumentException("header shape dimension " + s + " is too large");
        }
        return Long.parseLong(s);
    }

    private String string() {
        skipSpace();
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error("expected a quoted string");
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed header: " + what + " at character " + (pos + 1));
    }
}
