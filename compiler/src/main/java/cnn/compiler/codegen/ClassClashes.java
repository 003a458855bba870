package cnn.compiler.codegen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Classes generated together that cannot live side by side although their names differ:
 * {@code p.Net} and {@code p.NET} are one file on the case-insensitive file systems of macOS
 * and Windows (one would silently replace the other), and a class {@code p.Q} beside a class
 * in package {@code p.Q} does not compile. Exactly equal names are the caller's to report, as
 * it knows which files they come from.
 */
public final class ClassClashes {

    private ClassClashes() {
    }

    /** One line per clash, in a stable order; empty when the classes can be written together. */
    public static List<String> of(Collection<String> qualifiedNames) {
        TreeSet<String> names = new TreeSet<>(qualifiedNames);
        List<String> problems = new ArrayList<>();
        Map<String, String> byFolded = new HashMap<>();
        for (String name : names) {
            String other = byFolded.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other != null) {
                problems.add(other + " and " + name + " differ only in case: on macOS and Windows one file would "
                        + "replace the other; rename one of the models");
            }
        }
        for (String name : names) {
            String asPackage = name + ".";
            String inside = names.ceiling(asPackage);
            if (inside != null && inside.startsWith(asPackage)) {
                problems.add(name + " is a class and also the package of " + inside + "; rename the model or the "
                        + "package");
            }
        }
        return problems;
    }
}
