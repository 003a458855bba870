package cnn.maven;

import java.nio.file.Path;

/** One generated compilation unit: its fully qualified class name and its text. */
record JavaSource(String qualifiedName, String text) {

    /** Where javac expects it below a source root: {@code p/q/Name.java}. */
    Path relativePath() {
        return Path.of(qualifiedName.replace('.', '/') + ".java");
    }
}
