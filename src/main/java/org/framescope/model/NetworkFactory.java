package org.framescope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the multi-task, multiple-instance network.
 *
 * <pre>
 * x [batch, features, paragraphs] (NCW, 2-D paragraph mask)
 *   -> (optional) hidden: per-paragraph dense layer (1-wide convolution), LeakyReLU, dropout
 *   -> logits_T: per-paragraph logits for task T (1-wide convolution)
 *        -> para_T: per-paragraph loss (sigmoid + XENT, or softmax + MCXENT), masked where a paragraph has no gold
 *        -> pool_T: max over paragraphs (single-label: then a class-mixing layer) -> art_T: article loss
 * </pre>
 * Paragraph and article heads share the logits, so a model trained from article labels alone still
 * scores every paragraph, and max pooling names the paragraph that carries each article label.
 * With an article path ({@link NetworkSpec#hasDocHeads()}) a second input carries the whole article
 * (mean embedding + whole-text TF-IDF):
 * <pre>
 * a [batch, features] -> doc_T: linear layer -> artdoc_T: article loss
 * </pre>
 * Real labelled collections give an article its frames as a property of the whole text, with the
 * evidence spread over many paragraphs; a max over paragraphs cannot see that, the article path can.
 * With gates ({@link NetworkSpec#hasGates()}), each multi-label task also gets
 * <pre>
 * a -> gate_T: linear layer, 1 output -> artgate_T: sigmoid + XENT on "the article has any label of T"
 * </pre>
 * A linear head cannot express "economic words AND a geopolitical story"; the product of a label's
 * score and its task's gate can, which is what keeps business news from getting economic_stakes.
 */
public final class NetworkFactory {

    private NetworkFactory() {}

    /** Name of the task's paragraph output in the graph. */
    public static String paragraphOutput(Task t) {
        return "para_" + t.name();
    }

    /** Name of the task's max-pooled article output in the graph. */
    public static String articleOutput(Task t) {
        return "art_" + t.name();
    }

    /** Name of the task's whole-article output in the graph. */
    public static String docOutput(Task t) {
        return "artdoc_" + t.name();
    }

    /** Name of the task's whole-article dense layer in the graph. */
    public static String docLayer(Task t) {
        return "doc_" + t.name();
    }

    /** Name of the task's gate output in the graph. */
    public static String gateOutput(Task t) {
        return "artgate_" + t.name();
    }

    /** Name of the task's gate layer in the graph. */
    public static String gateLayer(Task t) {
        return "gate_" + t.name();
    }

    /** Tasks with a gate: the multi-label ones, when the network has gates. */
    public static List<Task> gatedTasks(LabelScheme scheme, NetworkSpec spec) {
        return spec.hasGates()
                ? scheme.tasks().stream().filter(Task::multiLabel).toList()
                : List.of();
    }

    /** Name of the task's logits layer (the head) in the graph. */
    public static String logitsLayer(Task t) {
        return "logits_" + t.name();
    }

    /**
     * Output order of {@link ComputationGraph#output}: all paragraph heads, then the max-pooled
     * article heads (if any), then the whole-article heads (if any), then the gates (if any).
     */
    public static List<String> outputNames(LabelScheme scheme, NetworkSpec spec) {
        List<String> out = new ArrayList<>();
        scheme.tasks().forEach(t -> out.add(paragraphOutput(t)));
        if (spec.hasMaxHeads()) {
            scheme.tasks().forEach(t -> out.add(articleOutput(t)));
        }
        if (spec.hasDocHeads()) {
            scheme.tasks().forEach(t -> out.add(docOutput(t)));
        }
        gatedTasks(scheme, spec).forEach(t -> out.add(gateOutput(t)));
        return out;
    }

    /**
     * @param labelWeights per task, a loss weight per label (class weighting); null entries mean 1
     */
    public static ComputationGraph build(LabelScheme scheme, NetworkSpec spec, Map<String, double[]> labelWeights) {
        var b = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(updater(spec))
                .weightInit(WeightInit.XAVIER)
                .l2(spec.l2())
                // Clipping keeps momentum SGD from diverging on the large sparse input layer.
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(50.0);
        var g = b.graphBuilder();
        if (spec.hasDocHeads()) {
            g.addInputs("x", "a")
                    .setInputTypes(
                            InputType.recurrent(spec.inputDim(), RNNFormat.NCW),
                            InputType.feedForward(spec.inputDim()));
        } else {
            g.addInputs("x").setInputTypes(InputType.recurrent(spec.inputDim(), RNNFormat.NCW));
        }
        // Per-paragraph layers are dense layers over [batch x paragraphs, features] (the RNN input is
        // reshaped, and reshaped back before the per-paragraph losses and the pooling): a plain matrix
        // product, measured much faster than 1-wide convolutions on the wide sparse input.
        String trunk = "x";
        int trunkDim = spec.inputDim();
        if (spec.hidden() > 0) {
            var hb = new DenseLayer.Builder()
                    .nIn(spec.inputDim())
                    .nOut(spec.hidden())
                    .activation(Activation.LEAKYRELU);
            if (spec.dropout() > 0) {
                hb.dropOut(1.0 - spec.dropout()); // DL4J takes the retain probability
            }
            g.addLayer("hidden", hb.build(), new RnnToFeedForwardPreProcessor(RNNFormat.NCW), "x");
            trunk = "hidden";
            trunkDim = spec.hidden();
        }
        // One logits layer per task (each with its own initialisation scale and gradient clipping).
        for (Task t : scheme.tasks()) {
            var logits = new DenseLayer.Builder()
                    .nIn(trunkDim)
                    .nOut(t.size())
                    .activation(Activation.IDENTITY)
                    .build();
            if (spec.hidden() > 0) {
                g.addLayer(logitsLayer(t), logits, trunk);
            } else {
                g.addLayer(logitsLayer(t), logits, new RnnToFeedForwardPreProcessor(RNNFormat.NCW), trunk);
            }
        }
        for (Task t : scheme.tasks()) {
            g.addLayer(
                    paragraphOutput(t),
                    new RnnLossLayer.Builder(loss(t, labelWeights))
                            .activation(t.multiLabel() ? Activation.SIGMOID : Activation.SOFTMAX)
                            .dataFormat(RNNFormat.NCW)
                            .build(),
                    new FeedForwardToRnnPreProcessor(RNNFormat.NCW),
                    logitsLayer(t));
        }
        for (Task t : spec.hasMaxHeads() ? scheme.tasks() : List.<Task>of()) {
            g.addLayer(
                    "pool_" + t.name(),
                    new GlobalPoolingLayer.Builder(PoolingType.MAX).build(),
                    new FeedForwardToRnnPreProcessor(RNNFormat.NCW),
                    logitsLayer(t));
            String pooled = "pool_" + t.name();
            if (!t.multiLabel()) {
                // A stance's max-pooled logits are dominated by the neutral class (most paragraphs take no
                // side); a small class-mixing layer, starting as the identity, learns the article-level balance.
                g.addLayer(
                        "mix_" + t.name(),
                        new DenseLayer.Builder()
                                .nIn(t.size())
                                .nOut(t.size())
                                .weightInit(WeightInit.IDENTITY)
                                .activation(Activation.IDENTITY)
                                .build(),
                        pooled);
                pooled = "mix_" + t.name();
            }
            g.addLayer(
                    articleOutput(t),
                    new LossLayer.Builder(loss(t, labelWeights))
                            .activation(t.multiLabel() ? Activation.SIGMOID : Activation.SOFTMAX)
                            .build(),
                    pooled);
        }
        for (Task t : spec.hasDocHeads() ? scheme.tasks() : List.<Task>of()) {
            g.addLayer(
                    docLayer(t),
                    new DenseLayer.Builder()
                            .nIn(spec.inputDim())
                            .nOut(t.size())
                            .activation(Activation.IDENTITY)
                            .build(),
                    "a");
            g.addLayer(
                    docOutput(t),
                    new LossLayer.Builder(loss(t, labelWeights))
                            .activation(t.multiLabel() ? Activation.SIGMOID : Activation.SOFTMAX)
                            .build(),
                    docLayer(t));
        }
        for (Task t : gatedTasks(scheme, spec)) {
            g.addLayer(
                    gateLayer(t),
                    new DenseLayer.Builder()
                            .nIn(spec.inputDim())
                            .nOut(1)
                            .activation(Activation.IDENTITY)
                            .build(),
                    "a");
            g.addLayer(
                    gateOutput(t),
                    new LossLayer.Builder(new LossBinaryXENT())
                            .activation(Activation.SIGMOID)
                            .build(),
                    gateLayer(t));
        }
        g.setOutputs(outputNames(scheme, spec).toArray(String[]::new));
        ComputationGraphConfiguration conf = g.build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static org.nd4j.linalg.learning.config.IUpdater updater(NetworkSpec spec) {
        // SGD with Nesterov momentum is the default: on hashed sparse features Adam's per-weight step
        // normalisation lets rare, meaningless n-grams move as fast as the real signal, and the model
        // memorises training text (measured: synthetic dev macro-F1 0.30 with Adam vs 0.86 with Nesterov).
        return switch (spec.optimizer()) {
            case "nesterovs" -> new org.nd4j.linalg.learning.config.Nesterovs(spec.learningRate(), 0.9);
            case "adam" -> new Adam(spec.learningRate());
            default ->
                throw new IllegalArgumentException("unknown optimizer '" + spec.optimizer() + "' (nesterovs or adam)");
        };
    }

    private static ILossFunction loss(Task t, Map<String, double[]> labelWeights) {
        double[] w = labelWeights == null ? null : labelWeights.get(t.name());
        if (t.multiLabel()) {
            return w == null
                    ? new LossBinaryXENT()
                    : new LossBinaryXENT(
                            Nd4j.create(w).reshape(1, w.length).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        }
        return w == null
                ? new LossMCXENT()
                : new LossMCXENT(Nd4j.create(w).reshape(1, w.length).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }
}
