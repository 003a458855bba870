package cnn.compiler.cli;

import cnn.compiler.Compilation;
import cnn.compiler.codegen.ClassClashes;
import cnn.compiler.codegen.GeneratedFile;
import cnn.compiler.codegen.JavaGenerator;
import cnn.compiler.codegen.training.TrainerGenerator;
import cnn.compiler.graph.Network;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cnnc generate FILE… -d DIR [--package P]}: Java sources for every model: {@code M} and {@code MTrainer}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write the specialised Java classes of every model in the files.")
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = ".cnn files")
    List<Path> files;

    @Option(names = "-d", required = true, paramLabel = "DIR", description = "source root to write into")
    Path dir;

    @Option(names = "--package", paramLabel = "P", description = "Java package (default: the file's package line)")
    String packageName;

    @Mixin
    ImportOption imports = new ImportOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        return CliRun.guarded("generate", err, () -> {
            if (packageName != null && !packageName.isEmpty()
                    && !javax.lang.model.SourceVersion.isName(packageName)) {
                throw new CliException("--package " + packageName + " is not a Java package name", Cnnc.USAGE);
            }
            Compilation c = Models.compile(files, imports.roots(files), err);
            // everything in memory first: two models that would make the same class, or classes
            // that cannot live side by side, stop the command before anything is written
            Map<String, String> from = new LinkedHashMap<>();
            List<GeneratedFile> all = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (Network n : c.networks()) {
                String pkg = packageName != null ? packageName : n.packageName();
                String where = "model " + n.name() + " in " + n.span().file();
                List<GeneratedFile> files = new ArrayList<>(JavaGenerator.generate(n, pkg));
                if (TrainerGenerator.isTrainable(n)) {
                    // SPEC §4: MTrainer beside M (a sliding-window model is inference-only)
                    files.add(TrainerGenerator.generate(n, pkg));
                }
                for (GeneratedFile f : files) {
                    // model NetTrainer and the trainer of model Net are one class too
                    String first = from.putIfAbsent(f.qualifiedName(), where);
                    if (first != null) {
                        problems.add(f.qualifiedName() + " would be generated from both " + first + " and " + where
                                + ": rename one of the models or give the files different packages");
                    }
                    all.add(f);
                }
            }
            problems.addAll(ClassClashes.of(from.keySet()));
            if (!problems.isEmpty()) {
                throw new CliException(String.join("; ", problems), Cnnc.ERRORS);
            }
            for (GeneratedFile f : all) {
                out.println(write(dir, f));
            }
            out.flush();
            return 0;
        });
    }

    /** Writes a file under {@code root}, creating its package folders; returns its path. */
    static Path write(Path root, GeneratedFile f) throws IOException {
        Path target = root.resolve(f.relativePath());
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.source(), StandardCharsets.UTF_8);
        return target;
    }
}
