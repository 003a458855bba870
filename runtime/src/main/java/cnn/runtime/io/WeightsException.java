package cnn.runtime.io;

import java.io.IOException;
import java.util.List;

/**
 * A weights file that does not fit the model. The message is ready for a user: one line per
 * problem, each starting with the file, e.g. {@code weights.npz: missing tensor conv_2.weight [16, 6, 5, 5]}.
 */
public class WeightsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public WeightsException(String file, List<String> problems) {
        super(render(file, problems));
        this.problems = List.copyOf(problems);
    }

    public WeightsException(String file, String problem, Throwable cause) {
        this(file, List.of(problem));
        initCause(cause);
    }

    /** Each problem without the file name. */
    public List<String> problems() {
        return problems;
    }

    private static String render(String file, List<String> problems) {
        StringBuilder sb = new StringBuilder();
        for (String p : problems) {
            sb.append(sb.length() > 0 ? "\n" : "").append(file).append(": ").append(p);
        }
        return sb.toString();
    }
}
