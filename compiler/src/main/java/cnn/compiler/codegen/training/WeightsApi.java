package cnn.compiler.codegen.training;

import cnn.compiler.graph.TensorSpec;
import cnn.compiler.lower.training.ParamTensor;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * The part of a trainer's API both element types have: the flat arrays, the weights in the file
 * layout ({@code tensors}, {@code loadTensors}), freezing, and the dropout seed.
 */
final class WeightsApi {

    private final TrainerWriter w;

    WeightsApi(TrainerWriter w) {
        this.w = w;
    }

    /** The methods of the API a double trainer has too (the float trainer writes them in {@link TrainerApi}). */
    void write(TypeSpec.Builder cls) {
        cls.addMethod(MethodSpec.methodBuilder("parameters").addModifiers(Modifier.PUBLIC).returns(w.array())
                .addJavadoc("The flat parameters; the live array.\n").addStatement("return p").build());
        cls.addMethod(MethodSpec.methodBuilder("gradients").addModifiers(Modifier.PUBLIC).returns(w.array())
                .addJavadoc("The flat gradients of the last backward pass; the live array.\n").addStatement("return g")
                .build());
        cls.addMethod(MethodSpec.methodBuilder("layout").addModifiers(Modifier.PUBLIC).returns(Types.PARAM_LAYOUT)
                .addStatement("return layout").build());
        cls.addMethod(MethodSpec.methodBuilder("layers").addModifiers(Modifier.PUBLIC).returns(Types.STRING_LIST)
                .addStatement("return LAYERS").build());
        cls.addMethod(tensorsMethod(false));
        cls.addMethod(loadTensorsMethod(false));
        cls.addMethod(setFrozenMethod(false));
        cls.addMethod(setSeedMethod(false));
    }

    MethodSpec tensorsMethod(boolean override) {
        MethodSpec.Builder m = TrainerWriter.method("tensors", Types.TENSOR_MAP, override)
                .addJavadoc(override ? "" : "Copies of every tensor in the file layout, keyed by name, in file order.\n")
                .addStatement("$T<String, float[]> m = new $T<>()", Types.MAP, Types.LINKED_HASH_MAP);
        for (TensorSpec t : w.net.tensors()) {
            Optional<ParamTensor> p = w.param(t.name());
            if (p.isPresent() && p.get().packing().isPresent()) {
                int[] s = p.get().packing().get();
                m.addStatement("m.put($S, unpack(p, $L, $L, $L, $L, $L))", t.name(), p.get().offset(), s[0], s[1], s[2],
                        s[3]);
            } else if (p.isPresent()) {
                m.addStatement("m.put($S, copyOut(p, $L, $L))", t.name(), p.get().offset(), p.get().length());
            } else {
                m.addStatement("m.put($S, copyOut($L, 0, $L))", t.name(), w.runningField(t.name()), t.size());
            }
        }
        return m.addStatement("return m").build();
    }

    MethodSpec loadTensorsMethod(boolean override) {
        MethodSpec.Builder m = TrainerWriter.method("loadTensors", TypeName.VOID, override)
                .addParameter(Types.TENSOR_MAP, "tensors")
                .addJavadoc(override ? "" : "Replaces the weights and running statistics (file layout, keyed by name).\n"
                        + "@throws IllegalArgumentException naming a missing or mis-sized tensor\n")
                .addStatement("float[][] t = $T.fromMap(tensors, TENSORS)", Types.WEIGHTS_FILES);
        List<TensorSpec> specs = w.net.tensors();
        for (int i = 0; i < specs.size(); i++) {
            TensorSpec t = specs.get(i);
            Optional<ParamTensor> p = w.param(t.name());
            if (p.isPresent() && p.get().packing().isPresent()) {
                int[] s = p.get().packing().get();
                m.addStatement("pack(t[$L], p, $L, $L, $L, $L, $L)", i, p.get().offset(), s[0], s[1], s[2], s[3]);
            } else if (p.isPresent()) {
                m.addStatement("copyIn(t[$L], p, $L)", i, p.get().offset());
            } else {
                m.addStatement("copyIn(t[$L], $L, 0)", i, w.runningField(t.name()));
            }
        }
        return m.build();
    }

    MethodSpec setFrozenMethod(boolean override) {
        MethodSpec.Builder m = TrainerWriter.method("setFrozen", TypeName.VOID, override)
                .addParameter(Types.STRING, "layer").addParameter(TypeName.BOOLEAN, "frozen")
                .addJavadoc(override ? "" : "Freezes or unfreezes a layer of {@link #layers()}.\n")
                .addStatement("int l = LAYERS.indexOf(layer)")
                .beginControlFlow("if (l < 0)")
                .addStatement("throw new $T($S + layer + $S + LAYERS)", IllegalArgumentException.class,
                        w.net.name() + " has no trainable layer ", "; its trainable layers are ")
                .endControlFlow()
                .addStatement("$T next = layout", Types.PARAM_LAYOUT)
                .beginControlFlow("for (String t : LAYER_TENSORS.get(l))")
                .addStatement("next = next.withTrainable(t, !frozen)")
                .endControlFlow()
                .addStatement("this.layout = next")
                .addStatement("this.frozen[l] = frozen");
        if (w.isFloat()) {
            m.addStatement("this.optimizer = rebuild(optimizer, next)");
        }
        return m.addStatement("refreshFlow()").build();
    }

    MethodSpec setSeedMethod(boolean override) {
        return TrainerWriter.method("setSeed", TypeName.VOID, override).addParameter(TypeName.LONG, "seed")
                .addJavadoc(override ? "" : "Seeds the dropout masks of the following training passes.\n")
                .addStatement("this.seed = seed")
                .addStatement("this.dropoutStep = 0").build();
    }
}
