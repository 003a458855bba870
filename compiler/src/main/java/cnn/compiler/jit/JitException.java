package cnn.compiler.jit;

/** Generated code did not compile or load; the message says which class and why. */
public final class JitException extends Exception {

    private static final long serialVersionUID = 1L;

    public JitException(String message) {
        super(message);
    }

    public JitException(String message, Throwable cause) {
        super(message, cause);
    }
}
