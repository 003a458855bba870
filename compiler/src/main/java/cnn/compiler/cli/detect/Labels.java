package cnn.compiler.cli.detect;

import java.util.List;

/** Class names for the report and the picture: given ones, else {@code class 0}, {@code class 1}, … */
record Labels(List<String> names) {

    Labels {
        names = List.copyOf(names);
    }

    /** {@code --labels a,b,c}; null or empty gives numbered classes. */
    static Labels parse(String list) {
        if (list == null || list.isBlank()) {
            return new Labels(List.of());
        }
        return new Labels(List.of(list.split(",", -1)).stream().map(String::strip).toList());
    }

    String of(int classId) {
        return classId < names.size() && !names.get(classId).isEmpty() ? names.get(classId) : "class " + classId;
    }
}
