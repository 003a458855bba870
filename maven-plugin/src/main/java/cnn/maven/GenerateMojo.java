package cnn.maven;

import cnn.compiler.diag.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the {@code .cnn} models of the project and adds the generated Java (what
 * {@code cnnc generate} writes for each model) as a source root. Only models whose file or imports changed
 * are compiled again, and only files whose text changed are written.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** Where the models are: every {@code **}{@code /*.cnn} below it is compiled. */
    @Parameter(property = "cnn.sourceDirectory", defaultValue = "${project.basedir}/src/main/cnn", required = true)
    private File sourceDirectory;

    /** Where the Java sources go; added to the project's compile source roots. */
    @Parameter(property = "cnn.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/cnn",
            required = true)
    private File outputDirectory;

    /** The Java package for models whose file has no {@code package} line; a file's own line wins. */
    @Parameter(property = "cnn.packageName")
    private String packageName;

    /** Fail the build on warnings (W01xx) as well as on errors. */
    @Parameter(property = "cnn.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /**
     * Let an {@code import} reach files outside {@code sourceDirectory}. Off by default, so a
     * model cannot read (and a diagnostic print) files elsewhere on the build machine.
     */
    @Parameter(property = "cnn.allowOutsideImports", defaultValue = "false")
    private boolean allowOutsideImports;

    /** Skip generation altogether. */
    @Parameter(property = "cnn.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Log log = getLog();
        if (skip) {
            log.info("cnn: skipped");
            return;
        }
        if (packageName != null && !packageName.isBlank() && !QUALIFIED_NAME.matcher(packageName).matches()) {
            throw new MojoFailureException("cnn: packageName '" + packageName + "' is not a Java package name");
        }
        Path sources = sourceDirectory.toPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(sources)) {
            log.info("cnn: no models, " + sources + " does not exist");
            return;
        }
        Path output = outputDirectory.toPath().toAbsolutePath().normalize();
        IncrementalGenerator.Request request = new IncrementalGenerator.Request(sources, output, stateFile(),
                packageName, failOnWarning, fingerprint());

        IncrementalGenerator.Outcome outcome;
        try {
            outcome = new IncrementalGenerator(new CompilerToolchain(sources, allowOutsideImports)).run(request);
        } catch (IOException e) {
            throw new MojoExecutionException("cnn: cannot read models or write sources: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The compiler promises diagnostics, never exceptions; if one escapes it is our bug, not the model's.
            throw new MojoExecutionException("cnn: internal compiler error (" + e + "); please report it with the model",
                    e);
        }

        report(outcome, log);
        if (outcome.errors() > 0 || (failOnWarning && outcome.warnings() > 0)) {
            throw new MojoFailureException(summary(outcome));
        }
        project.addCompileSourceRoot(output.toString());
        warnIfRuntimeMissing(log);
        log.info(String.format("cnn: %d model file(s): %d compiled, %d up to date; %d Java file(s) written, "
                        + "%d unchanged, %d deleted", outcome.sources(), outcome.compiled(), outcome.upToDate(),
                outcome.written(), outcome.unchanged(), outcome.deleted()));
    }

    private static void report(IncrementalGenerator.Outcome outcome, Log log) {
        for (Diagnostic d : outcome.diagnostics()) {
            if (d.isError()) {
                log.error(IdeFormat.line(d));
            } else {
                log.warn(IdeFormat.line(d));
            }
        }
        if (!outcome.rendered().isBlank()) {
            String text = outcome.rendered().stripTrailing();
            if (outcome.errors() > 0) {
                log.error("cnn check:\n" + text);
            } else {
                log.warn("cnn check:\n" + text);
            }
        }
        outcome.problems().forEach(p -> log.error("cnn: " + p));
        outcome.notes().forEach(n -> log.warn("cnn: " + n));
    }

    private static String summary(IncrementalGenerator.Outcome outcome) {
        long files = outcome.diagnostics().stream().map(d -> d.span().file()).distinct().count();
        return String.format("cnn: %d error(s) and %d warning(s) in %d file(s)%s; see the messages above",
                outcome.errors(), outcome.warnings(), files,
                outcome.errors() == 0 ? " (failOnWarning is set)" : "");
    }

    /** One state file per execution, so two executions over different folders do not undo each other. */
    private Path stateFile() {
        return Path.of(project.getBuild().getDirectory(), "cnn-maven-plugin", execution.getExecutionId() + ".state");
    }

    /**
     * The compiler that runs, as far as it decides what is generated: a new version, or a
     * rebuilt snapshot, makes every model stale.
     */
    private String fingerprint() {
        StringBuilder f = new StringBuilder();
        f.append("plugin=").append(plugin.getVersion()).append('\n');
        List<Artifact> artifacts = plugin.getArtifacts() == null ? List.of() : plugin.getArtifacts();
        for (Artifact a : artifacts) {
            if (a.getGroupId().equals("org.cnnlang")) {
                f.append(a.getId()).append('=').append(identity(a.getFile())).append('\n');
            }
        }
        return ContentHash.of(f.toString());
    }

    /**
     * Cheap identity of a jar, or of a classes folder when the compiler comes from the same
     * reactor build: a snapshot rebuilt with a changed generator must not look up to date.
     */
    private static String identity(File file) {
        if (file == null) {
            return "none";
        }
        if (file.isFile()) {
            return file.length() + "@" + file.lastModified();
        }
        if (file.isDirectory()) {
            try (Stream<Path> walk = Files.walk(file.toPath())) {
                List<String> parts = new ArrayList<>();
                walk.filter(Files::isRegularFile).sorted().forEach(p -> parts.add(p + ":" + p.toFile().length()
                        + "@" + p.toFile().lastModified()));
                return ContentHash.of(String.join("\n", parts));
            } catch (IOException e) {
                return "unreadable";
            }
        }
        return "none";
    }

    private void warnIfRuntimeMissing(Log log) {
        boolean hasRuntime = project.getDependencies().stream()
                .anyMatch(d -> d.getGroupId().equals("org.cnnlang") && d.getArtifactId().equals("cnn-runtime"));
        if (!hasRuntime) {
            log.warn("cnn: generated code links against org.cnnlang:cnn-runtime:" + plugin.getVersion()
                    + "; add it to the project's dependencies");
        }
    }
}
