package cnn.compiler.cli;

import cnn.compiler.transfer.Subsets;
import cnn.compiler.transfer.WholeData;
import cnn.runtime.data.Dataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cnnc subset DATA --classes 5,6,7 [--per-class N] [--part train|test] [--seed S] -o D.npz}:
 * some classes of a labelled dataset, renumbered from 0, as an {@code .npz} dataset.
 */
@Command(name = "subset", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes some classes of a labelled dataset (renumbered 0, 1, … in the order given), "
                + "at most N images of each, as an .npz dataset for --data.")
public final class SubsetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATA",
            description = "fashion-mnist, a folder with one subfolder of images per class, or an .npz with x and y")
    String data;

    @Option(names = "--classes", required = true, split = ",", paramLabel = "C",
            description = "the classes to keep, e.g. 5,6,7,8,9 or 5-9; they become 0, 1, … in this order")
    List<String> classes;

    @Option(names = "--per-class", paramLabel = "N", defaultValue = "0",
            description = "at most N images of each class, chosen by --seed (default: all)")
    int perClass;

    @Option(names = "--part", paramLabel = "train|test", defaultValue = "train",
            description = "for fashion-mnist: its training (default) or test set")
    String part;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seeds the choice (default 1)")
    long seed;

    @Option(names = "-o", required = true, paramLabel = "D.npz", description = "the dataset to write")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return CliRun.guarded("subset", err, () -> {
            WholeData.Part which = switch (part) {
                case "train" -> WholeData.Part.TRAIN;
                case "test" -> WholeData.Part.TEST;
                default -> throw new CliException("--part must be train or test, got " + part, Cnnc.USAGE);
            };
            if (perClass < 0) {
                throw new CliException("--per-class must not be negative, got " + perClass, Cnnc.USAGE);
            }
            List<Integer> chosen = parse(classes);
            Dataset d = WholeData.open(data, which, 0, 0, 0);
            Subsets.Choice choice = Subsets.choose(d, chosen, perClass, seed);
            Subsets.write(output, d, choice);
            spec.commandLine().getOut().println(output + ": " + choice.indices().length + " images of "
                    + chosen.size() + " classes (" + String.join(",", classes) + " as 0-" + (chosen.size() - 1)
                    + ")");
            spec.commandLine().getOut().flush();
            return Cnnc.OK;
        });
    }

    /** {@code 5,6} and {@code 5-9}. */
    static List<Integer> parse(List<String> items) throws CliException {
        List<Integer> out = new ArrayList<>();
        for (String item : items) {
            String s = item.strip();
            try {
                int dash = s.indexOf('-', 1);
                if (dash > 0) {
                    int a = Integer.parseInt(s.substring(0, dash).strip());
                    int b = Integer.parseInt(s.substring(dash + 1).strip());
                    if (b < a) {
                        throw new CliException("--classes: range " + s + " runs backwards", Cnnc.USAGE);
                    }
                    for (int c = a; c <= b; c++) {
                        out.add(c);
                    }
                } else {
                    out.add(Integer.parseInt(s));
                }
            } catch (NumberFormatException e) {
                throw new CliException("--classes: '" + s + "' is not a class number or a range like 5-9", Cnnc.USAGE);
            }
        }
        return out;
    }
}
