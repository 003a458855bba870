package cnn.maven;

import java.nio.file.Path;

/** Turns the file names the compiler reports (in spans and source sets) back into paths. */
final class SourcePaths {

    private SourcePaths() {
    }

    /**
     * The absolute, normalised path of a file name the compiler reported while compiling
     * {@code compiled}. The plugin hands the compiler absolute paths, so names are absolute;
     * a relative one is taken as relative to the compiled file's folder, as imports are.
     */
    static Path of(String name, Path compiled) {
        Path path = Path.of(name);
        if (!path.isAbsolute()) {
            path = compiled.toAbsolutePath().getParent().resolve(path);
        }
        return path.normalize();
    }
}
