package cnn.compiler.diag;

/**
 * Where something stands in a source file. Lines and columns are 1-based; the end is
 * inclusive of its line and exclusive of its column, as editors count.
 */
public record SourceSpan(String file, int line, int column, int endLine, int endColumn) {

    public static SourceSpan at(String file, int line, int column) {
        return new SourceSpan(file, line, column, line, column + 1);
    }

    /** For values made by the compiler itself (generated layers, defaults). */
    public static SourceSpan none(String file) {
        return new SourceSpan(file, 0, 0, 0, 0);
    }

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
