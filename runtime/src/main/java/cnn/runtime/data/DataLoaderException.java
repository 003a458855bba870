package cnn.runtime.data;

/** Loading a batch failed in the background; the cause is what the dataset or augmentation threw. */
public class DataLoaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataLoaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
