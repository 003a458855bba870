package cnn.compiler.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The folders imports may reach: a model file cannot read {@code import "../../secrets.cnn"}
 * or an absolute path elsewhere on the machine (whose first lines a diagnostic would print)
 * unless the user allows it. A symbolic link counts where it leads.
 *
 * @param dirs     the folders, as the user named them (for messages)
 * @param unrestricted true when imports may go anywhere ({@code --allow-outside-imports})
 */
public record SourceRoots(List<Path> dirs, boolean unrestricted) {

    public SourceRoots {
        dirs = List.copyOf(dirs);
    }

    /** No restriction. */
    public static SourceRoots anywhere() {
        return new SourceRoots(List.of(), true);
    }

    /** Imports stay under these folders. */
    public static SourceRoots of(Collection<Path> dirs) {
        return new SourceRoots(new ArrayList<>(new LinkedHashSet<>(dirs)), false);
    }

    /** The default: the folder of each file given. */
    public static SourceRoots besideFiles(Collection<Path> files) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : files) {
            Path parent = f.getParent();
            dirs.add(parent == null ? Path.of("") : parent);
        }
        return of(dirs);
    }

    /** Whether a file (existing or not) lies under one of the folders, its links followed. */
    public boolean contains(Path file) {
        if (unrestricted) {
            return true;
        }
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            return dirs.stream().anyMatch(d -> abs.startsWith(d.toAbsolutePath().normalize()));
        }
        // where it really is decides: a link inside a root may lead out of it
        Path real = real(abs);
        return dirs.stream().anyMatch(d -> real.startsWith(real(d.toAbsolutePath().normalize())));
    }

    /** "the folder models" or "the folders a, b", as the user named them. */
    public String describe() {
        List<String> names = dirs.stream().map(d -> d.toString().isEmpty() ? "." : d.toString()).toList();
        return (names.size() == 1 ? "the source folder " : "the source folders ")
                + names.stream().collect(Collectors.joining(", "));
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | RuntimeException e) {
            return p;
        }
    }
}
