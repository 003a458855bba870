package cnn.compiler.training;

import cnn.compiler.graph.Network;
import cnn.compiler.graph.Node;
import cnn.compiler.graph.TrainSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Variations of test networks: a {@code train {}} section, layers frozen in the source. */
public final class Nets {

    private Nets() {
    }

    public static Network withTrain(Network net, TrainSpec spec) {
        return new Network(net.name(), net.packageName(), net.inputName(), net.input(), net.nodes(), net.outputs(),
                Optional.of(spec), net.weightsFrom(), net.span());
    }

    public static Network withLoss(Network net, TrainSpec.Loss loss) {
        TrainSpec d = TrainSpec.defaults();
        return withTrain(net, new TrainSpec(Optional.of(loss), d.optimizer(), d.schedule(), d.batch(), d.epochs(),
                d.augment(), d.seed()));
    }

    public static Network frozen(Network net, String... layers) {
        Set<String> names = Set.of(layers);
        List<Node> nodes = net.nodes().stream().map(n -> !names.contains(n.name()) ? n
                : new Node(n.name(), n.op(), n.inputs(), n.inputShapes(), n.activation(), n.output(), n.params(),
                n.nonTrainable(), n.macs(), true, n.span())).toList();
        return new Network(net.name(), net.packageName(), net.inputName(), net.input(), nodes, net.outputs(),
                net.train(), net.weightsFrom(), net.span());
    }
}
