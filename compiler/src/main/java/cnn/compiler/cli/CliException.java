package cnn.compiler.cli;

/** A problem the user can fix, reported as one line and an exit code, never a stack trace. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(String message) {
        this(message, 1);
    }

    int exitCode() {
        return exitCode;
    }
}
