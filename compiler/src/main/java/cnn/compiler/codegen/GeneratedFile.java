package cnn.compiler.codegen;

/** One generated Java source: {@code p.M} and its text. */
public record GeneratedFile(String qualifiedName, String source) {

    /** The path below a source root, e.g. {@code p/M.java}. */
    public String relativePath() {
        return qualifiedName.replace('.', '/') + ".java";
    }

    public String simpleName() {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
