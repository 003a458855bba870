package cnn.compiler.syntax;

import cnn.compiler.diag.SourceSpan;
import java.util.List;
import java.util.Optional;

/** One parsed {@code .cnn} file. */
public record SourceFile(String file, Optional<String> packageName, List<Import> imports, List<Decl> decls) {

    public SourceFile {
        imports = List.copyOf(imports);
        decls = List.copyOf(decls);
    }

    /** {@code import "relative/path.cnn"}. */
    public record Import(String path, SourceSpan span) {
    }
}
