package cnn.compiler.cli.train;

import cnn.compiler.Compilation;
import cnn.compiler.Compiler;
import cnn.compiler.cli.CliException;
import cnn.compiler.cli.Cnnc;
import cnn.compiler.cli.Diagnostics;
import cnn.compiler.cli.detect.DetectionHeads;
import cnn.compiler.graph.Network;
import cnn.compiler.graph.TrainSpec;
import cnn.compiler.transfer.FineTunePlan;
import cnn.runtime.data.DataLoaderException;
import cnn.runtime.data.YoloTargetData;
import cnn.runtime.detect.YoloHeads;
import cnn.runtime.io.WeightsException;
import cnn.runtime.train.Checkpoint;
import cnn.runtime.train.Checkpoints;
import cnn.runtime.train.DetectionMetric;
import cnn.runtime.train.LandmarksMetric;
import cnn.runtime.train.LocalizationMetric;
import cnn.runtime.train.Evaluation;
import cnn.runtime.train.FineTuning;
import cnn.runtime.train.Fit;
import cnn.runtime.train.FitOptions;
import cnn.runtime.train.FitResult;
import cnn.runtime.train.Optimizers;
import cnn.runtime.train.Position;
import cnn.runtime.train.ProgressListener;
import cnn.runtime.train.StopReason;
import cnn.runtime.train.TrainableModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code cnnc train} run, start to end: compile the model, make its trainer, open the data,
 * start from fresh weights, a weights file or a checkpoint, train with progress, then write the
 * final weights, the report and the plot, and print the test accuracy. Every failure a user can
 * cause ends as one {@link CliException} line.
 */
public final class TrainRun {

    private final TrainRequest request;
    private final TrainerSource trainers;
    private final PrintWriter out;
    private final PrintWriter err;

    public TrainRun(TrainRequest request, TrainerSource trainers, PrintWriter out, PrintWriter err) {
        this.request = request;
        this.trainers = trainers;
        this.out = out;
        this.err = err;
    }

    /** @return the exit code */
    public int run() {
        Compilation c = Compiler.compile(List.of(request.file()), request.roots());
        if (Diagnostics.print(c, err) != Cnnc.OK) {
            return Cnnc.ERRORS;
        }
        Network network = pick(c);
        if (network.weightsFrom().isPresent()) {
            throw new CliException(network.name() + " slides " + network.weightsFrom().get() + " over a larger input; "
                    + "train " + network.weightsFrom().get() + " instead, whose weights file it loads", Cnnc.ERRORS);
        }
        TrainSpec spec = network.train().orElse(TrainSpec.defaults());
        int batch = request.batch() != null ? request.batch() : spec.batch();
        long seed = request.seed() != null ? request.seed() : spec.seed();
        checkFlags(batch);

        TrainableModel trainer = trainer(network, batch, seed);
        YoloHeads yolo = trainer.config().loss().equals("yolo") ? DetectionHeads.yolo(network).orElse(null) : null;
        String base = request.base().isEmpty() ? null
                : TransferStart.loadBase(network, trainer, request.base(), request.weights());
        DataSplit data = openData(trainer, yolo, seed);
        List<Evaluation.Metric> metrics = metrics(data, yolo, trainer);
        if (request.optimizer() != null && !request.optimizer().equals(Optimizers.kind(trainer.optimizer()))) {
            trainer.setOptimizer(Optimizers.create(request.optimizer(), trainer.layout(), trainer.config()));
        }
        RunSettings settings = settings(trainer, batch, seed);
        Optional<FineTunePlan> finetune = TransferStart.plan(request, network.train(), settings.epochs());
        if (finetune.isPresent()) {
            settings = new RunSettings(finetune.get().totalEpochs(), settings.maxSteps(), settings.batch(),
                    settings.optimizer(), settings.lr(), settings.schedule(), settings.seed(), settings.augment(),
                    settings.loss());
        }
        String finetuneLine = finetune.map(p -> TransferStart.describe(p, trainer)).orElse(null);
        Position start = request.weights() == null ? Position.START : restore(trainer);
        LocalDateTime now = LocalDateTime.now();
        RunDirectory dir = directory(network.name(), now);
        FitOptions options = options(trainer, settings, start).withCheckpoint(dir.checkpoint());

        out.println("training " + network.name() + " (" + String.format(Locale.ROOT, "%,d",
                network.trainableParams()) + " trainable parameters) from " + request.file());
        out.println("data: " + data.how());
        out.println("settings: " + settings.describe());
        if (base != null) {
            out.println(base);
        }
        if (finetuneLine != null) {
            out.println(finetuneLine);
        }
        out.println("writing to " + dir.dir());
        out.flush();
        FitResult result = fit(trainer, data, options, metrics, finetune);
        return finish(network.name(), trainer, data, settings, start, dir, now, result, metrics);
    }

    /** Writes what the run leaves, says how it ended, and prints the test accuracy. */
    private int finish(String name, TrainableModel trainer, DataSplit data, RunSettings settings, Position start,
                       RunDirectory dir, LocalDateTime now, FitResult result, List<Evaluation.Metric> metrics) {
        boolean blewUp = result.reason() == StopReason.NON_FINITE_LOSS;
        Map<String, String> files = new LinkedHashMap<>();
        Evaluation.Result test = null;
        if (!blewUp) {
            try {
                RunOutputs.weights(dir.weights(name), trainer.tensorInfos(), trainer.tensors());
            } catch (IOException e) {
                throw new CliException("cannot write " + dir.weights(name) + ": " + e.getMessage(), Cnnc.ERRORS);
            }
            files.put("weights", dir.weights(name).getFileName().toString());
            if (data.test() != null) {
                test = evaluate(trainer, data, settings.batch(), metrics);
            }
        }
        if (!result.history().isEmpty()) {
            files.put("checkpoint", RunDirectory.CHECKPOINT);
        }
        String plotProblem = RunOutputs.plot(dir.plot(), name + " on " + data.source(), testLine(test),
                result.history(), (data.train().size() + settings.batch() - 1) / settings.batch());
        if (plotProblem == null) {
            files.put("plot", RunDirectory.PLOT);
        }
        files.put("report", RunDirectory.REPORT);
        boolean resumed = request.weights() != null && !start.isStart();
        TrainReport report = new TrainReport(name, request.file().toString(), data, settings,
                resumed ? request.weights().toString() : null, resumed ? start : null, result, test, files,
                now.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        try {
            RunOutputs.report(dir.report(), report);
        } catch (IOException e) {
            throw new CliException("cannot write " + dir.report() + ": " + e.getMessage(), Cnnc.ERRORS);
        }
        if (plotProblem != null) {
            err.println("cnnc: warning: no plot: " + plotProblem);
        }
        if (blewUp) {
            out.println("wrote " + dir.report());
            out.flush();
            throw new CliException("training stopped: " + result.message(), Cnnc.ERRORS);
        }
        if (result.history().isEmpty() && result.reason() == StopReason.COMPLETED) {
            out.println("nothing to train: the checkpoint has done all " + settings.epochs() + " epochs");
        } else if (result.reason() == StopReason.STEP_LIMIT) {
            out.println("stopped after " + (result.end().step() - start.step()) + " steps (--steps)");
        }
        out.println("wrote " + String.join(", ", files.values().stream().map(f -> dir.dir().resolve(f).toString())
                .toList()));
        String headMetric = test == null ? null : headMetric(test);
        if (headMetric != null) {
            out.println("test " + headMetric + ": " + Formats.fraction(test.metric(headMetric)) + " ("
                    + test.samples() + " images, loss " + Formats.loss(test.loss()) + ")");
        } else if (test != null) {
            double accuracy = test.metric(Evaluation.ACCURACY);
            out.println(Double.isNaN(accuracy)
                    ? "test loss: " + Formats.loss(test.loss()) + " (" + test.samples() + " samples)"
                    : "test accuracy: " + Formats.percent(accuracy) + " (" + test.samples() + " images, loss "
                    + Formats.loss(test.loss()) + ")");
        }
        out.flush();
        return Cnnc.OK;
    }

    private Network pick(Compilation c) {
        List<Network> networks = c.networks();
        String names = String.join(", ", networks.stream().map(Network::name).toList());
        if (request.model() != null) {
            Optional<Network> n = c.network(request.model());
            if (n.isEmpty()) {
                throw new CliException("no model " + request.model() + " in " + request.file()
                        + (networks.isEmpty() ? "" : " (its models: " + names + ")"), Cnnc.USAGE);
            }
            return n.get();
        }
        if (networks.size() == 1) {
            return networks.get(0);
        }
        if (networks.isEmpty()) {
            throw new CliException(request.file() + " defines no model", Cnnc.ERRORS);
        }
        throw new CliException(request.file() + " defines several models; choose one with --model (" + names + ")",
                Cnnc.USAGE);
    }

    private void checkFlags(int batch) {
        if (batch < 1) {
            throw new CliException("--batch must be at least 1, got " + batch, Cnnc.USAGE);
        }
        if (request.epochs() != null && request.epochs() < 1) {
            throw new CliException("--epochs must be at least 1, got " + request.epochs(), Cnnc.USAGE);
        }
        if (request.steps() != null && request.steps() < 1) {
            throw new CliException("--steps must be at least 1, got " + request.steps(), Cnnc.USAGE);
        }
        if (request.lr() != null && (!(request.lr() > 0) || request.lr().isInfinite())) {
            throw new CliException("--lr must be a number above 0, got " + request.lr(), Cnnc.USAGE);
        }
        if (request.optimizer() != null && !request.optimizer().equals(Optimizers.SGD)
                && !request.optimizer().equals(Optimizers.ADAM)) {
            throw new CliException("--optimizer must be sgd or adam, got " + request.optimizer(), Cnnc.USAGE);
        }
    }

    private TrainableModel trainer(Network network, int batch, long seed) {
        try {
            return trainers.create(network, batch, seed);
        } catch (TrainerSource.TrainerException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        }
    }

    private DataSplit openData(TrainableModel trainer, YoloHeads yolo, long seed) {
        if (request.test() != null) {
            return TransferStart.withTest(request.data(), request.test(), trainer.info().inputHeight(),
                    trainer.info().inputWidth(), trainer.info().inputChannels());
        }
        try {
            return DataSplit.open(request.data(), trainer.info().inputHeight(), trainer.info().inputWidth(),
                    trainer.info().inputChannels(), trainer.config().loss(), trainer.outputSize(), yolo, seed);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        } catch (UncheckedIOException e) {
            throw new CliException(e.getCause().getMessage(), Cnnc.ERRORS);
        }
    }

    private Position restore(TrainableModel trainer) {
        Checkpoint cp;
        Checkpoint.OptimizerRestore restored;
        try {
            cp = Checkpoints.read(request.weights(), trainer.tensorInfos());
            restored = cp.restore(trainer);
        } catch (WeightsException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        } catch (IllegalArgumentException e) {
            throw new CliException(request.weights() + ": " + e.getMessage(), Cnnc.ERRORS);
        }
        if (!cp.resumable()) {
            out.println("starting from the weights in " + request.weights());
            return Position.START;
        }
        Position p = cp.position().orElseThrow();
        out.println("resuming from " + request.weights() + ": epoch " + (p.epoch() + 1)
                + (p.batch() > 0 ? ", batch " + (p.batch() + 1) : "") + ", step " + p.step());
        if (restored == Checkpoint.OptimizerRestore.OTHER_OPTIMIZER) {
            out.println("note: the checkpoint holds " + cp.optimizer().orElse("?") + " state; "
                    + Optimizers.kind(trainer.optimizer()) + " starts afresh");
        }
        return p;
    }

    private RunSettings settings(TrainableModel trainer, int batch, long seed) {
        FitOptions base = FitOptions.from(trainer.config());
        int epochs = request.epochs() != null ? request.epochs() : base.epochs();
        long steps = request.steps() != null ? request.steps() : 0;
        double lr = request.lr() != null ? request.lr() : base.lr();
        return new RunSettings(epochs, steps, batch, Optimizers.kind(trainer.optimizer()), lr, base.schedule(), seed,
                trainer.config().augment(), trainer.config().loss());
    }

    private static FitOptions options(TrainableModel trainer, RunSettings s, Position start) {
        try {
            return FitOptions.from(trainer.config()).withEpochs(s.epochs()).withMaxSteps(s.maxSteps())
                    .withBatch(s.batch()).withLr(s.lr()).withSeed(s.seed()).withStart(start);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        }
    }

    private RunDirectory directory(String model, LocalDateTime now) {
        try {
            return RunDirectory.create(request.out(), model, now);
        } catch (IOException e) {
            throw new CliException("cannot use the output directory: " + e.getMessage(), Cnnc.ERRORS);
        }
    }

    /**
     * How the held-out data is scored besides the loss: a yolo model by mAP@0.5 (against the real
     * boxes when they are known), a localize model by how many images it gets right, a landmarks
     * model on {@code shapes} by its point error in pixels, others by the defaults (accuracy).
     */
    private List<Evaluation.Metric> metrics(DataSplit data, YoloHeads yolo, TrainableModel trainer) {
        if (data.test() == null) {
            return List.of();
        }
        if (yolo != null) {
            return List.of(new DetectionMetric(yolo, data.test() instanceof YoloTargetData boxes ? boxes::truths
                    : null));
        }
        String loss = trainer.config().loss();
        if (loss.equals("localization")) {
            return List.of(new LocalizationMetric(trainer.outputSize() - 5));
        }
        if (loss.equals("landmarks") && request.data().equals("shapes")) {
            return List.of(new LandmarksMetric((trainer.outputSize() - 1) / 2, trainer.info().inputHeight(),
                    trainer.info().inputWidth()));
        }
        return Evaluation.defaultMetrics(data.test());
    }

    /** The name of the detection metric the run reports (mAP, correct@0.5, point error), or null. */
    private static String headMetric(Evaluation.Result result) {
        for (String name : result.metrics().keySet()) {
            if (!name.equals(Evaluation.ACCURACY) && !Double.isNaN(result.metric(name))) {
                return name;
            }
        }
        return null;
    }

    private FitResult fit(TrainableModel trainer, DataSplit data, FitOptions options, List<Evaluation.Metric> metrics,
                          Optional<FineTunePlan> finetune) {
        try {
            if (finetune.isPresent()) {
                return FineTuning.run(trainer, data.train(), data.test(), options, finetune.get().plan(), listener(),
                        null);
            }
            return Fit.run(trainer, data.train(), data.test(), options, listener(), metrics);
        } catch (IllegalArgumentException | DataLoaderException e) {
            throw new CliException(e.getMessage(), Cnnc.ERRORS);
        } catch (IOException e) {
            throw new CliException("cannot write the checkpoint: " + e.getMessage(), Cnnc.ERRORS);
        }
    }

    private ProgressListener listener() {
        ProgressMode mode = request.progress() == null ? ProgressMode.auto : request.progress();
        if (mode == ProgressMode.auto) {
            // System.console() is there when standard input and output are a terminal.
            mode = System.console() != null ? ProgressMode.bar : ProgressMode.lines;
        }
        if (mode == ProgressMode.bar) {
            return new BarProgress(out);
        }
        return new LineProgress(out, mode == ProgressMode.lines);
    }

    private Evaluation.Result evaluate(TrainableModel trainer, DataSplit data, int batch,
                                       List<Evaluation.Metric> metrics) {
        try {
            return Evaluation.run(trainer, data.test(), batch, metrics);
        } catch (IllegalArgumentException | DataLoaderException e) {
            throw new CliException("test data: " + e.getMessage(), Cnnc.ERRORS);
        }
    }

    private static String testLine(Evaluation.Result test) {
        String headMetric = test == null ? null : headMetric(test);
        if (headMetric != null) {
            return "test " + headMetric + " " + Formats.fraction(test.metric(headMetric)) + " on " + test.samples()
                    + " images";
        }
        if (test == null || Double.isNaN(test.metric(Evaluation.ACCURACY))) {
            return null;
        }
        return "test accuracy " + Formats.percent(test.metric(Evaluation.ACCURACY)) + " on " + test.samples()
                + " images";
    }
}
