package cnn.compiler.cli;

import cnn.compiler.cli.train.JitTrainers;
import cnn.compiler.cli.train.ProgressMode;
import cnn.compiler.cli.train.TrainRequest;
import cnn.compiler.cli.train.TrainRun;
import cnn.compiler.cli.train.TrainerSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cnnc train FILE --model M --data fashion-mnist|shapes|DIR|D.npz [--weights W.npz]
 * [--epochs E] [--steps N] [--batch B] [--optimizer sgd|adam] [--lr X] [--seed S] [--out DIR]}
 * (SPEC §3): trains with a progress bar and writes weights, checkpoints, a report and a plot.
 * Transfer learning adds {@code --base B.npz}, {@code --test DATA}, {@code --unfreeze K},
 * {@code --finetune-epochs N} and {@code --finetune-lr-scale S}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a model and prints its test accuracy. Flags override the model's train { } section.",
            "Writes to the output directory: the final weights <model>.npz, checkpoint.npz after every epoch "
                    + "(give it to --weights to resume), report.json and training.png."})
public final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the .cnn file")
    private Path file;

    @Option(names = {"-m", "--model"}, paramLabel = "M", description = "the model to train (needed when FILE has several)")
    private String model;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "fashion-mnist, shapes (synthetic), a folder with one subfolder of images per class, "
                    + "or an .npz with x (N x H x W x C float32) and y (labels or targets)")
    private String data;

    @Option(names = "--weights", paramLabel = "W.npz",
            description = "start from these weights instead of a fresh initialisation; a checkpoint.npz resumes "
                    + "its run where it stopped")
    private Path weights;

    @Option(names = "--epochs", paramLabel = "E", description = "epochs in the whole run")
    private Integer epochs;

    @Option(names = "--steps", paramLabel = "N", description = "stop after N optimizer steps")
    private Long steps;

    @Option(names = "--batch", paramLabel = "B", description = "samples per step")
    private Integer batch;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", description = "sgd or adam")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "the base learning rate")
    private Double lr;

    @Option(names = "--seed", paramLabel = "S", description = "seeds the weights, the batch order, augmentation and dropout")
    private Long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "where to write (default: runs/<model>-<date>-<time>)")
    private Path out;

    @Option(names = "--base", paramLabel = "B.npz",
            description = "transfer learning: load the layers the model reuses (use BASE …) from this weights file "
                    + "of BASE, by name; the model's own layers start fresh. Repeat for several used models.")
    private List<Path> base;

    @Option(names = "--test", paramLabel = "DATA",
            description = "test (and validate) on this data instead of a held-out part of --data, which then trains "
                    + "whole; fashion-mnist means its test set")
    private String test;

    @Option(names = "--unfreeze", paramLabel = "K",
            description = "fine-tuning: unfreeze the last K frozen layers with weights (batchnorm stays frozen)")
    private Integer unfreeze;

    @Option(names = "--finetune-epochs", paramLabel = "N",
            description = "fine-tune for N epochs after the head's --epochs; 0 (the default with --unfreeze) "
                    + "fine-tunes from the start, for a head trained in an earlier run")
    private Integer finetuneEpochs;

    @Option(names = "--finetune-lr-scale", paramLabel = "S",
            description = "the unfrozen layers train at S times the rate (default 0.1); the head keeps the full rate")
    private Double finetuneLrScale;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, lines otherwise), bar, lines or none (default: ${DEFAULT-VALUE})")
    private ProgressMode progress;

    @CommandLine.Mixin
    private ImportOption imports = new ImportOption();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final TrainerSource trainers;

    /** The command as {@code cnnc} runs it: generated trainers compiled in memory. */
    public TrainCommand() {
        this(new JitTrainers());
    }

    /** With another source of trainers (tests). */
    public TrainCommand(TrainerSource trainers) {
        this.trainers = trainers;
    }

    @Override
    public Integer call() {
        TrainRequest request = new TrainRequest(file, model, data, weights, epochs, steps, batch, optimizer, lr, seed,
                out, progress, base, test, unfreeze, finetuneEpochs, finetuneLrScale, imports.roots(List.of(file)));
        PrintWriter err = spec.commandLine().getErr();
        return CliRun.guarded("train", err,
                () -> new TrainRun(request, trainers, spec.commandLine().getOut(), err).run());
    }
}
