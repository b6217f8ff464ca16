package org.framescope.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds one output unit to a multi-label task of a trained network, leaving every existing weight
 * and every existing computation as it was.
 * <pre>
 * before:  trunk -> logits_T (n units) -> para_T, pool_T -> art_T        a -> doc_T (n) -> artdoc_T
 * after:   trunk -> logits_T (n units) --+-> logits_all_T (merge, n+1) -> para_T, pool_T -> art_T
 *          trunk -> logits_T#n (1 unit) -+
 *          a     -> doc_T (n) ---------+-> doc_all_T (merge, n+1) -> artdoc_T
 *          a     -> doc_T#n (1 unit) --+
 * </pre>
 * The new unit is a layer of its own and a merge vertex concatenates it after the old ones, rather
 * than widening {@code logits_T}: a matrix product one column wider runs other BLAS kernels and
 * moved existing scores in their last bits (measured: 0.38483673 became 0.38483670), while a
 * concatenation copies them. A second few-shot label adds {@code logits_T#n+1} to the same merge
 * vertex. The task's gate ({@code gate_T}) has one output whatever the labels and is untouched; the
 * class-mixing layer {@code mix_T} exists only for single-label tasks, which cannot be extended.
 * Every existing parameter is copied bit for bit.
 *
 * <p>Thread-safety: stateless; the source network is only read, but must not be run concurrently
 * (callers hold its monitor).
 */
public final class NetworkSurgery {

    private NetworkSurgery() {}

    /**
     * The weights of the new unit, in the layers' own input spaces.
     *
     * @param logitsW weights of the paragraph logits unit, one per input of {@code logits_T} (the
     *                features, or the hidden layer's activations)
     * @param logitsB its bias
     * @param docW    weights of the whole-article unit, one per whole-article feature; null when the
     *                network has no whole-article path
     * @param docB    its bias
     */
    public record NewUnit(float[] logitsW, float logitsB, float[] docW, float docB) {}

    /** Name of the merge vertex that gathers a task's paragraph logits, once it has few-shot units. */
    public static String mergedLogits(Task t) {
        return "logits_all_" + t.name();
    }

    /** Name of the merge vertex that gathers a task's whole-article logits, once it has few-shot units. */
    public static String mergedDoc(Task t) {
        return "doc_all_" + t.name();
    }

    /** Name of the one-unit layer of label {@code index} added to {@code layer} (a task's logits or doc layer). */
    public static String unitLayer(String layer, int index) {
        return layer + "#" + index;
    }

    /**
     * How many outputs feed a task's head: the layer's units, plus the units of the few-shot layers
     * merged after it.
     *
     * @param conf  the network's configuration
     * @param layer the task's logits or doc layer ({@link NetworkFactory#logitsLayer}, {@link NetworkFactory#docLayer})
     * @param merge the matching merge vertex ({@link #mergedLogits}, {@link #mergedDoc})
     * @return the width, or -1 when the network has no such dense layer
     */
    public static long width(ComputationGraphConfiguration conf, String layer, String merge) {
        List<String> parts =
                conf.getVertices().containsKey(merge) ? conf.getVertexInputs().get(merge) : List.of(layer);
        long w = 0;
        for (String p : parts) {
            if (!(conf.getVertices().get(p) instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof FeedForwardLayer ff)) {
                return -1;
            }
            w += ff.getNOut();
        }
        return w;
    }

    /**
     * A new network with one more output for {@code task}, as the last unit of each of its heads.
     *
     * @param net    the trained network
     * @param scheme the scheme the network was built for (before the label is added)
     * @param spec   the network's hyper-parameters
     * @param task   a multi-label task of the scheme
     * @param unit   the new unit's weights
     * @return the new network, initialised, with the old parameters and the new unit's
     * @throws IllegalArgumentException if the task is single-label or not in the scheme, the network
     *                                  does not have the task's layers, or the weights do not fit them
     */
    public static ComputationGraph addOutput(
            ComputationGraph net, LabelScheme scheme, NetworkSpec spec, Task task, NewUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (!task.multiLabel() || scheme.task(task.name()).isEmpty()) {
            throw new IllegalArgumentException(
                    "only a multi-label task of the scheme can get another label ('" + task.name() + "')");
        }
        String json = net.getConfiguration().toJson();
        // Deep copies through JSON: the original network stays untouched, and each new layer starts
        // as an independent copy of the layer it sits beside.
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
        int index = task.size();
        String logits = NetworkFactory.logitsLayer(task);
        List<String> added = new ArrayList<>();
        added.add(graft(
                conf, ComputationGraphConfiguration.fromJson(json), logits, mergedLogits(task), index, task.size()));
        if (spec.hasDocHeads()) {
            added.add(graft(
                    conf,
                    ComputationGraphConfiguration.fromJson(json),
                    NetworkFactory.docLayer(task),
                    mergedDoc(task),
                    index,
                    task.size()));
        }
        // The order is cached in the configuration; the graph computes it again from the new inputs.
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        for (Layer old : net.getLayers()) {
            String name = old.conf().getLayer().getLayerName();
            Map<String, INDArray> to = out.getLayer(name).paramTable();
            old.paramTable().forEach((k, v) -> to.get(k).assign(v));
        }
        for (String name : added) {
            boolean isLogits = name.startsWith(logits + "#");
            float[] w = isLogits ? unit.logitsW() : unit.docW();
            INDArray dw = out.getLayer(name).paramTable().get("W");
            if (w == null || w.length != dw.size(0)) {
                throw new IllegalArgumentException("the new unit of '" + name + "' needs " + dw.size(0)
                        + " weights, not " + (w == null ? "none" : w.length));
            }
            dw.assign(Nd4j.create(w).reshape(w.length, 1).castTo(dw.dataType()));
            out.getLayer(name).paramTable().get("b").assign(isLogits ? unit.logitsB() : unit.docB());
        }
        return out;
    }

    /**
     * Adds a one-unit copy of {@code layer} (taken from {@code copyFrom}, an identical configuration)
     * with the same inputs, and routes every consumer of the layer through a merge vertex of the layer
     * and its units.
     *
     * @return the new layer's name
     */
    private static String graft(
            ComputationGraphConfiguration conf,
            ComputationGraphConfiguration copyFrom,
            String layer,
            String merge,
            int index,
            int labels) {
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        if (width(conf, layer, merge) != labels) {
            throw new IllegalArgumentException("layer '" + layer + "' does not have the task's " + labels + " outputs");
        }
        String name = unitLayer(layer, index);
        LayerVertex unit = (LayerVertex) copyFrom.getVertices().get(layer);
        FeedForwardLayer ff = (FeedForwardLayer) unit.getLayerConf().getLayer();
        ff.setNOut(1);
        ff.setLayerName(name);
        vertices.put(name, unit);
        inputs.put(name, new ArrayList<>(inputs.get(layer)));
        if (vertices.containsKey(merge)) {
            List<String> parts = new ArrayList<>(inputs.get(merge));
            parts.add(name);
            inputs.put(merge, parts);
        } else {
            for (Map.Entry<String, List<String>> e : inputs.entrySet()) {
                if (e.getValue().contains(layer)) {
                    e.setValue(e.getValue().stream()
                            .map(s -> s.equals(layer) ? merge : s)
                            .toList());
                }
            }
            vertices.put(merge, new MergeVertex());
            inputs.put(merge, List.of(layer, name));
        }
        return name;
    }

    /**
     * A layer's parameter in double precision (for reading weights the new unit builds on).
     *
     * @param net   the network
     * @param layer the layer's name
     * @param key   "W" or "b"
     * @return the parameter as a [rows][columns] array (a bias vector is one row)
     * @throws IllegalArgumentException if the network has no such parameter
     */
    public static double[][] param(ComputationGraph net, String layer, String key) {
        Layer l = net.getLayer(layer);
        INDArray p = l == null ? null : l.paramTable().get(key);
        if (p == null) {
            throw new IllegalArgumentException("the network has no parameter " + layer + "_" + key);
        }
        INDArray d = p.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        return (d.rank() == 1 ? d.reshape(1, d.length()) : d).toDoubleMatrix();
    }
}
