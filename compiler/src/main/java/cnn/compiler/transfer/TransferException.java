package cnn.compiler.transfer;

/** A transfer-learning input that does not fit the model; the message is ready for a user. */
public final class TransferException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransferException(String message) {
        super(message);
    }

    public TransferException(String message, Throwable cause) {
        super(message, cause);
    }
}
