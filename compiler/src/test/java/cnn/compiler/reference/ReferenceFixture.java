package cnn.compiler.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One directory of {@code src/test/resources/reference/} as {@code tools/reference/make_fixtures.py}
 * writes it: {@code model.cnn}, {@code weights.npz}, {@code input.npy}, {@code output.npy}.
 */
record ReferenceFixture(String name, Path dir) {

    /** Where Maven copies the fixtures: the {@code reference} folder of the test classpath. */
    static final String RESOURCE_ROOT = "/reference";

    private static final Pattern MODEL = Pattern.compile("(?m)^\\s*model\\s+([A-Za-z_][A-Za-z0-9_]*)");

    /** Every fixture, sorted by name. */
    static List<ReferenceFixture> all() {
        URL root = ReferenceFixture.class.getResource(RESOURCE_ROOT);
        if (root == null) {
            throw new IllegalStateException("no " + RESOURCE_ROOT + " folder on the test classpath");
        }
        try (Stream<Path> dirs = Files.list(Path.of(root.toURI()))) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> new ReferenceFixture(d.getFileName().toString(), d))
                    .sorted(java.util.Comparator.comparing(ReferenceFixture::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path model() {
        return dir.resolve("model.cnn");
    }

    Path weights() {
        return dir.resolve("weights.npz");
    }

    Path input() {
        return dir.resolve("input.npy");
    }

    Path output() {
        return dir.resolve("output.npy");
    }

    /** The model the output belongs to: the last one the file declares (e.g. a slide scanner after its detector). */
    String modelUnderTest() throws IOException {
        Matcher m = MODEL.matcher(Files.readString(model(), StandardCharsets.UTF_8));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            throw new IllegalStateException(model() + " declares no model");
        }
        return last;
    }
}
