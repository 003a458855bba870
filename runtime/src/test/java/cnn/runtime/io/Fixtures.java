package cnn.runtime.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The numpy-made files in src/test/resources/cnn/runtime/io (see make_fixtures.py there). */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
