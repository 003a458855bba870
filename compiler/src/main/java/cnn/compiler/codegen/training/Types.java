package cnn.compiler.codegen.training;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/** The runtime and JDK types generated trainers use. */
final class Types {

    static final ClassName TRAINABLE_MODEL = ClassName.get("cnn.runtime.train", "TrainableModel");
    static final ClassName TARGETS = ClassName.get("cnn.runtime.train", "Targets");
    static final ClassName TRAIN_CONFIG = ClassName.get("cnn.runtime.train", "TrainConfig");
    static final ClassName STEP_OUTPUTS = ClassName.get("cnn.runtime.train", "StepOutputs");
    static final ClassName FIT = ClassName.get("cnn.runtime.train", "Fit");
    static final ClassName FIT_OPTIONS = ClassName.get("cnn.runtime.train", "FitOptions");
    static final ClassName FIT_RESULT = ClassName.get("cnn.runtime.train", "FitResult");
    static final ClassName EVALUATION = ClassName.get("cnn.runtime.train", "Evaluation");
    static final ClassName PROGRESS_LISTENER = ClassName.get("cnn.runtime.train", "ProgressListener");
    static final ClassName DATASET = ClassName.get("cnn.runtime.data", "Dataset");
    static final ClassName PARAM_LAYOUT = ClassName.get("cnn.runtime.optim", "ParamLayout");
    static final ClassName OPTIMIZER = ClassName.get("cnn.runtime.optim", "Optimizer");
    static final ClassName SGD = ClassName.get("cnn.runtime.optim", "Sgd");
    static final ClassName ADAM = ClassName.get("cnn.runtime.optim", "Adam");
    static final ClassName SCHEDULE = ClassName.get("cnn.runtime.optim", "Schedule");
    static final ClassName PARALLEL = ClassName.get("cnn.runtime.kernels", "Parallel");
    static final ClassName RANGE_TASK = PARALLEL.nestedClass("RangeTask");
    static final ClassName MODEL = ClassName.get("cnn.runtime.model", "Model");
    static final ClassName MODEL_INFO = ClassName.get("cnn.runtime.model", "ModelInfo");
    static final ClassName TENSOR_INFO = ClassName.get("cnn.runtime.model", "TensorInfo");
    static final ClassName WEIGHTS_FILES = ClassName.get("cnn.runtime.model", "WeightsFiles");
    static final ClassName YOLO_GRID = ClassName.get("cnn.runtime.detect", "YoloGrid");
    static final ClassName ANCHOR = ClassName.get("cnn.runtime.detect", "Anchor");
    static final ClassName YOLO_HEADS = ClassName.get("cnn.runtime.detect", "YoloHeads");
    static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
    static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName MAP = ClassName.get("java.util", "Map");
    static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");
    static final TypeName STRING = ClassName.get(String.class);
    static final TypeName FLOATS = ArrayTypeName.of(TypeName.FLOAT);
    static final TypeName TENSOR_MAP = ParameterizedTypeName.get(MAP, STRING, FLOATS);
    static final TypeName STRING_LIST = ParameterizedTypeName.get(LIST, STRING);

    private Types() {
    }

    static ClassName loss(String simpleName) {
        return ClassName.get("cnn.runtime.loss", simpleName);
    }
}
