package cnn.compiler.resolve;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an expression evaluates to. {@link Symbol} is a bare word that names nothing in scope
 * ({@code same}, {@code he}, {@code horizontal}): whoever reads the value decides whether the
 * word means something there. {@link Unknown} stands for a value that could not be computed
 * because of an error already reported; it spreads silently so one mistake gives one message.
 */
sealed interface Value {

    /** How the value reads in a message. */
    String show();

    record Int(long value) implements Value {
        @Override
        public String show() {
            return Long.toString(value);
        }
    }

    record Real(double value) implements Value {
        @Override
        public String show() {
            if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
                return String.format(Locale.ROOT, "%.1f", value);
            }
            return Double.toString(value);
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String show() {
            return Boolean.toString(value);
        }
    }

    /** {@code (a, b)} and shape literals {@code 28x28x1}. */
    record Tuple(List<Value> items, boolean shapeLiteral) implements Value {
        public Tuple {
            items = List.copyOf(items);
        }

        @Override
        public String show() {
            if (shapeLiteral) {
                return items.stream().map(Value::show).collect(Collectors.joining("x"));
            }
            return items.stream().map(Value::show).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String show() {
            return items.stream().map(Value::show).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    record Symbol(String name) implements Value {
        @Override
        public String show() {
            return name;
        }
    }

    /** A call that is not a built-in function, e.g. {@code step(every=5)} or {@code leaky(0.2)}. */
    record Struct(String name, List<Value> positional, Map<String, Value> named) implements Value {
        public Struct {
            positional = List.copyOf(positional);
            named = Map.copyOf(named);
        }

        @Override
        public String show() {
            String args = java.util.stream.Stream.concat(positional.stream().map(Value::show),
                    named.entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getKey() + "=" + e.getValue().show()))
                    .collect(Collectors.joining(", "));
            return name + "(" + args + ")";
        }
    }

    final class Unknown implements Value {
        static final Unknown INSTANCE = new Unknown();

        private Unknown() {
        }

        @Override
        public String show() {
            return "?";
        }
    }

    static boolean isNumber(Value v) {
        return v instanceof Int || v instanceof Real;
    }

    static double asDouble(Value v) {
        return v instanceof Int i ? i.value() : ((Real) v).value();
    }

    /** "a number", "a tuple", … for messages about the wrong kind of value. */
    static String kind(Value v) {
        if (v instanceof Int) {
            return "a whole number";
        } else if (v instanceof Real) {
            return "a number";
        } else if (v instanceof Bool) {
            return "true or false";
        } else if (v instanceof Tuple t) {
            return t.shapeLiteral() ? "a shape" : "a tuple";
        } else if (v instanceof ListValue) {
            return "a list";
        } else if (v instanceof Symbol) {
            return "a word";
        } else if (v instanceof Struct) {
            return "a call";
        }
        return "an unknown value";
    }
}
