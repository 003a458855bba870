package cnn.compiler.cli;

import cnn.compiler.resolve.SourceRoots;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow-outside-imports}, mixed into every command that compiles: without it an
 * import must stay in the folders of the files named on the command line (E0219).
 */
public final class ImportOption {

    @Option(names = "--allow-outside-imports",
            description = "let imports reach files outside the folders of the files given")
    boolean allowOutside;

    SourceRoots roots(List<Path> files) {
        return allowOutside ? SourceRoots.anywhere() : SourceRoots.besideFiles(files);
    }
}
