package cnn.runtime.data;

import java.io.IOException;

/** Data that cannot be loaded; the message names the file or directory and says what to do. */
public class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
