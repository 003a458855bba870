package cnn.compiler.training;

import cnn.runtime.data.Dataset;
import cnn.runtime.train.Evaluation;
import cnn.runtime.train.FitResult;
import cnn.runtime.train.ProgressListener;
import cnn.runtime.train.TrainableModel;
import java.io.IOException;

/** What a test's driver does with a generated trainer's own {@code fit} and {@code evaluate} (SPEC §4). */
public interface FitDriver {

    FitResult fit(TrainableModel trainer, Dataset train, Dataset validation, ProgressListener listener)
            throws IOException;

    Evaluation.Result evaluate(TrainableModel trainer, Dataset data);
}
