package cnn.compiler;

import java.util.Map;

/** The text of every file a compilation read, by the file name diagnostics use; for rendering carets. */
public record SourceSet(Map<String, String> texts) {
}
