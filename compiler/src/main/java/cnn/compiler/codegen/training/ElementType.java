package cnn.compiler.codegen.training;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;

/**
 * The number type of a generated trainer. Trainers are {@code float}; a {@code double} trainer
 * runs the very same code in double precision, so tests can check gradients against central
 * differences without float rounding drowning the signal.
 */
public enum ElementType {
    FLOAT("float", TypeName.FLOAT),
    DOUBLE("double", TypeName.DOUBLE);

    private final String keyword;
    private final TypeName type;

    ElementType(String keyword, TypeName type) {
        this.keyword = keyword;
        this.type = type;
    }

    /** {@code float} or {@code double}. */
    public String keyword() {
        return keyword;
    }

    TypeName type() {
        return type;
    }

    TypeName array() {
        return ArrayTypeName.of(type);
    }

    /** A literal of this type that reads back as {@code v} rounded to the type. */
    String literal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        return this == FLOAT ? Float.toString((float) v) + "f" : Double.toString(v);
    }

    /** A {@code double} expression converted to this type. */
    String fromDouble(String expression) {
        return this == FLOAT ? "(float) (" + expression + ")" : expression;
    }

    String negativeInfinity() {
        return this == FLOAT ? "Float.NEGATIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
}
