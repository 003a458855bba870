package cnn.compiler.resolve;

import cnn.compiler.graph.Activation;
import cnn.compiler.graph.Op;
import cnn.compiler.graph.PadSpec;
import cnn.compiler.graph.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The op catalogue of SPEC §1.3 as the resolver sees it: each op's arguments (which can be
 * given by position, which are required, their defaults) and how the bound arguments become
 * graph ops. An op usually makes one layer; {@code sepconv} makes two.
 */
final class Ops {

    /** @param positional may be given without its name, in declaration order */
    record Param(String name, boolean positional, boolean required) {
    }

    /** One layer an op makes; {@code suffix} is null, or the sub-name ({@code depthwise}). */
    record Part(String suffix, Op op) {
    }

    interface Builder {
        /** The layers, or an empty list when the arguments were wrong (already reported). */
        List<Part> build(ArgReader args);
    }

    record Def(String name, List<Param> params, Builder builder) {

        List<String> positionalNames() {
            return params.stream().filter(Param::positional).map(Param::name).toList();
        }

        /** How to write the op, for messages: "conv FILTERS, KERNEL". */
        String usage() {
            List<String> pos = positionalNames().stream().map(p -> p.toUpperCase(java.util.Locale.ROOT)).toList();
            return pos.isEmpty() ? name : name + " " + String.join(", ", pos);
        }
    }

    static final Set<String> ACTIVATIONS = Set.of("relu", "relu6", "leaky", "sigmoid", "tanh", "swish", "softmax",
            "linear");

    private static final Map<String, Def> DEFS = new LinkedHashMap<>();

    static {
        def("conv", List.of(pos("filters"), pos("kernel"), opt("stride"), opt("pad"), opt("dilation"), opt("groups"),
                opt("bias"), opt("init"), opt("weights")), Ops::conv);
        def("dwconv", List.of(pos("kernel"), opt("multiplier"), opt("stride"), opt("pad"), opt("dilation"),
                opt("bias"), opt("init")), Ops::dwconv);
        def("sepconv", List.of(pos("filters"), pos("kernel"), opt("multiplier"), opt("stride"), opt("pad"),
                opt("dilation"), opt("bias"), opt("init")), Ops::sepconv);
        def("maxpool", List.of(pos("kernel"), opt("stride"), opt("pad")), a -> pool(Op.PoolKind.MAX, a));
        def("avgpool", List.of(pos("kernel"), opt("stride"), opt("pad")), a -> pool(Op.PoolKind.AVG, a));
        def("globalavgpool", List.of(), a -> one(new Op.GlobalPool(Op.PoolKind.AVG)));
        def("globalmaxpool", List.of(), a -> one(new Op.GlobalPool(Op.PoolKind.MAX)));
        def("flatten", List.of(), a -> one(new Op.Flatten()));
        def("dense", List.of(pos("units"), opt("bias"), opt("init")),
                a -> check(a, new Op.Dense(a.whole("units", 1), a.bool("bias", true), a.init("init"))));
        def("batchnorm", List.of(opt("eps"), opt("momentum")),
                a -> check(a, new Op.BatchNorm(a.real("eps", 1e-5), a.real("momentum", 0.1))));
        def("dropout", List.of(pos("rate")), a -> check(a, new Op.Dropout(a.real("rate", 0.5))));
        def("upsample", List.of(pos("factor")), a -> check(a, new Op.Upsample(a.whole("factor", 2))));
        def("zeropad", List.of(pos("padding")), Ops::zeropad);
        def("localize", List.of(new Param("classes", true, true)),
                a -> check(a, new Op.Localize(a.whole("classes", 0))));
        def("landmarks", List.of(pos("count")), a -> check(a, new Op.Landmarks(a.whole("count", 1))));
        def("yolo", List.of(new Param("classes", false, true), new Param("anchors", false, true)),
                a -> check(a, new Op.Yolo(a.whole("classes", 0), a.anchors("anchors"))));
        for (String act : ACTIVATIONS) {
            if (act.equals("leaky")) {
                def(act, List.of(new Param("alpha", true, false)),
                        a -> check(a, new Op.Act(new Activation(Activation.Kind.LEAKY, (float) a.real("alpha", 0.1)))));
            } else {
                Activation.Kind kind = Activation.Kind.valueOf(act.toUpperCase(java.util.Locale.ROOT));
                def(act, List.of(), a -> one(new Op.Act(Activation.of(kind))));
            }
        }
    }

    private Ops() {
    }

    static boolean isOp(String name) {
        return DEFS.containsKey(name);
    }

    static Def get(String name) {
        return DEFS.get(name);
    }

    static Set<String> names() {
        return DEFS.keySet();
    }

    private static void def(String name, List<Param> params, Builder builder) {
        DEFS.put(name, new Def(name, params, builder));
    }

    private static Param pos(String name) {
        return new Param(name, true, true);
    }

    private static Param opt(String name) {
        return new Param(name, false, false);
    }

    private static List<Part> one(Op op) {
        return List.of(new Part(null, op));
    }

    private static List<Part> check(ArgReader a, Op op) {
        return a.ok() ? one(op) : List.of();
    }

    private static Window window(ArgReader a, int[] kernel, int[] dfltStride) {
        int[] stride = a.pair("stride", dfltStride);
        int[] dilation = a.pair("dilation", new int[] {1, 1});
        return new Window(kernel[0], kernel[1], stride[0], stride[1], dilation[0], dilation[1]);
    }

    private static List<Part> conv(ArgReader a) {
        int filters = a.whole("filters", 1);
        int[] kernel = a.pair("kernel", new int[] {1, 1});
        Window w = window(a, kernel, new int[] {1, 1});
        PadSpec pad = a.pad("pad");
        int groups = a.whole("groups", 1);
        boolean bias = a.bool("bias", true);
        var init = a.init("init");
        float[] weights = a.ok() ? a.weights("weights", filters, kernel[0], kernel[1]) : null;
        return check(a, new Op.Conv(filters, w, pad, groups, bias, init, weights));
    }

    private static List<Part> dwconv(ArgReader a) {
        int[] kernel = a.pair("kernel", new int[] {1, 1});
        Window w = window(a, kernel, new int[] {1, 1});
        return check(a, new Op.DepthwiseConv(a.whole("multiplier", 1), w, a.pad("pad"), a.bool("bias", true),
                a.init("init")));
    }

    /**
     * Depthwise then pointwise, as Keras' SeparableConv2D: the depthwise layer has no bias (the
     * pointwise one right after it would absorb it), the pointwise layer has {@code bias=}.
     */
    private static List<Part> sepconv(ArgReader a) {
        int filters = a.whole("filters", 1);
        int[] kernel = a.pair("kernel", new int[] {1, 1});
        Window w = window(a, kernel, new int[] {1, 1});
        PadSpec pad = a.pad("pad");
        int multiplier = a.whole("multiplier", 1);
        boolean bias = a.bool("bias", true);
        var init = a.init("init");
        if (!a.ok()) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("depthwise", new Op.DepthwiseConv(multiplier, w, pad, false, init)));
        parts.add(new Part("pointwise", new Op.Conv(filters, Window.of(1, 1, 1), PadSpec.VALID, 1, bias, init, null)));
        return parts;
    }

    private static List<Part> pool(Op.PoolKind kind, ArgReader a) {
        int[] kernel = a.pair("kernel", new int[] {2, 2});
        int[] stride = a.pair("stride", kernel);
        return check(a, new Op.Pool(kind, new Window(kernel[0], kernel[1], stride[0], stride[1], 1, 1), a.pad("pad")));
    }

    private static List<Part> zeropad(ArgReader a) {
        Bound b = a.get("padding");
        if (b.value() instanceof Value.Unknown) {
            return List.of();
        }
        var p = a.padding("padding", b);
        return p == null ? List.of() : check(a, new Op.ZeroPad(p));
    }
}
