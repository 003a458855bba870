package cnn.runtime.io;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} file that cannot be read: wrong magic, truncated, a header that
 * lies, an unsafe entry name. The message names the file and, for an archive, the entry.
 */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String entry;
    private final String problem;

    public NpyFormatException(String file, String entry, String problem) {
        super(location(file, entry) + ": " + problem);
        this.file = file;
        this.entry = entry;
        this.problem = problem;
    }

    public NpyFormatException(String file, String entry, String problem, Throwable cause) {
        this(file, entry, problem);
        initCause(cause);
    }

    /** The file as the caller named it. */
    public String file() {
        return file;
    }

    /** The archive entry, or {@code null} for a plain {@code .npy} file. */
    public String entry() {
        return entry;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    static String location(String file, String entry) {
        return entry == null ? file : file + " [" + entry + "]";
    }
}
