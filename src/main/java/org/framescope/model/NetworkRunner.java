package org.framescope.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.framescope.encode.ArticleFeatures;
import org.framescope.encode.Featurizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns featurized articles into network inputs and runs the network forward. */
public final class NetworkRunner {

    /**
     * Upper bound on batch x paragraphs x features floats of one pass (64 MB; DL4J copies the input
     * a few times on its way through the graph). A single article over it still runs alone: its size
     * is bounded by {@link org.framescope.text.Segmenter#MAX_PARAGRAPHS}.
     */
    private static final long MAX_CELLS = 16L << 20;

    private NetworkRunner() {}

    /**
     * Builds the network inputs: x [batch, features, maxParagraphs] with its [batch, maxParagraphs]
     * mask, and (when {@code withArticle}) a [batch, features] whole-article input.
     *
     * @return {x, mask, a} (a null without the article input)
     */
    public static INDArray[] inputs(Featurizer featurizer, List<ArticleFeatures> articles, boolean withArticle) {
        int b = articles.size();
        // At least two (masked) steps: DL4J's reshape pre-processors refuse a [1, 1] mask (one one-paragraph article).
        int t = Math.max(
                2, articles.stream().mapToInt(ArticleFeatures::size).max().orElse(1));
        int f = featurizer.dim();
        int cells = Math.multiplyExact(Math.multiplyExact(b, f), t); // the views below are int-indexed
        // Zeroed natively and filled through a direct view, non-zeros only: Nd4j.create(float[]) copies
        // element by element, which cost more than the network's own pass (measured: most of 7 ms for
        // a one-article call on the shipped model).
        INDArray x = Nd4j.zeros(DataType.FLOAT, b, f, t);
        FloatBuffer xb = floats(x);
        if (xb.capacity() != cells) {
            throw new IllegalStateException("network input view holds " + xb.capacity() + " floats, not " + cells);
        }
        float[] mask = new float[b * t];
        INDArray art = withArticle ? Nd4j.zeros(DataType.FLOAT, b, f) : null;
        FloatBuffer ab = art == null ? null : floats(art);
        for (int i = 0; i < b; i++) {
            ArticleFeatures a = articles.get(i);
            for (int j = 0; j < a.size(); j++) {
                featurizer.write(a.paragraphs().get(j), xb, i * f * t + j, t);
                mask[i * t + j] = 1f;
            }
            if (ab != null) {
                featurizer.writeArticle(a, ab, i * f);
            }
        }
        return new INDArray[] {x, Nd4j.create(mask, new long[] {b, t}, 'c'), art};
    }

    /** Row {@code i} of a [batch, labels] output, read in place (a cast copy per row costs an allocation each). */
    private static double[] row(INDArray out, int i, int labels) {
        double[] v = new double[labels];
        for (int l = 0; l < labels; l++) {
            v[l] = out.getDouble(i, l);
        }
        return v;
    }

    /** A direct view of a fresh c-ordered float array's memory (element i is the i-th in row-major order). */
    private static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** Forward pass with each task's article score taken from its recorded source. */
    /**
     * A model's raw scores for articles given as normalised paragraphs: features, then the network.
     * The one scoring path of the facade and of cross-validation (which scores a fold's model
     * without opening a facade).
     *
     * @param bundle     the model
     * @param featurizer the model's featurizer (its encoder, lexical block and input scale)
     * @param articles   each article's paragraphs, in order
     * @param cancelled  polled between the encoder's batches and the network's passes
     * @return probabilities per article, paragraph, task and label
     */
    public static RawScores score(
            ModelBundle bundle, Featurizer featurizer, List<List<String>> articles, BooleanSupplier cancelled) {
        List<ArticleFeatures> feats = featurizer.featurizeArticles(
                articles, bundle.manifest().network().hasDocHeads(), cancelled);
        return forward(bundle, featurizer, feats, cancelled);
    }

    /**
     * The model's network over features already computed, under the network's own monitor: a DL4J
     * graph is not safe for concurrent use, and several facades may share one bundle.
     *
     * @param bundle     the model
     * @param featurizer the featurizer that computed {@code feats}
     * @param feats      the articles' features
     * @param cancelled  polled between the network's passes
     * @return probabilities per article, paragraph, task and label
     */
    public static RawScores forward(
            ModelBundle bundle, Featurizer featurizer, List<ArticleFeatures> feats, BooleanSupplier cancelled) {
        Manifest m = bundle.manifest();
        ComputationGraph net = bundle.network();
        synchronized (net) {
            return forward(net, m.scheme(), m.network(), featurizer, feats, m.articleSources(), cancelled);
        }
    }

    public static RawScores forward(
            ComputationGraph net,
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<ArticleFeatures> articles,
            Map<String, String> sources) {
        return forward(net, scheme, spec, featurizer, articles, sources, () -> false);
    }

    /** As {@link #forward(ComputationGraph, LabelScheme, NetworkSpec, Featurizer, List, Map)}, cancellable between batches. */
    public static RawScores forward(
            ComputationGraph net,
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<ArticleFeatures> articles,
            Map<String, String> sources,
            BooleanSupplier cancelled) {
        return forwardAll(net, scheme, spec, featurizer, articles, cancelled).combine(scheme, sources);
    }

    /** Forward pass in memory-bounded batches. The caller must own the network (it is not thread-safe). */
    public static RawOutputs forwardAll(
            ComputationGraph net,
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<ArticleFeatures> articles) {
        return forwardAll(net, scheme, spec, featurizer, articles, () -> false);
    }

    /**
     * As {@link #forwardAll(ComputationGraph, LabelScheme, NetworkSpec, Featurizer, List)}, giving up
     * with a {@link CancellationException} between batches once {@code cancelled} turns true.
     */
    public static RawOutputs forwardAll(
            ComputationGraph net,
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<ArticleFeatures> articles,
            BooleanSupplier cancelled) {
        // Reshape pre-processors keep the shape of the last pass; clear it (DL4J fails to reshape otherwise).
        net.clear();
        int n = articles.size();
        int tasks = scheme.tasks().size();
        double[][][][] para = new double[n][][][];
        double[][][] max = spec.hasMaxHeads() ? new double[n][][] : null;
        double[][][] doc = spec.hasDocHeads() ? new double[n][][] : null;
        List<Task> gated = NetworkFactory.gatedTasks(scheme, spec);
        double[][] gate = gated.isEmpty() ? null : new double[tasks][];
        double[][] gateRows = new double[gated.size()][]; // gateRows[g] is gate[task of gated g]
        for (int g = 0; g < gated.size(); g++) {
            gateRows[g] = new double[n];
            gate[scheme.tasks().indexOf(gated.get(g))] = gateRows[g];
        }
        int from = 0;
        while (from < n) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("network pass cancelled");
            }
            int to = from;
            int maxT = 1;
            while (to < n) {
                int newMax = Math.max(maxT, articles.get(to).size());
                if (to > from && (long) (to - from + 1) * newMax * featurizer.dim() > MAX_CELLS) {
                    break;
                }
                maxT = newMax;
                to++;
            }
            List<ArticleFeatures> part = articles.subList(from, to);
            INDArray[] in = inputs(featurizer, part, spec.hasDocHeads());
            INDArray[] out = spec.hasDocHeads()
                    ? net.output(false, new INDArray[] {in[0], in[2]}, new INDArray[] {in[1], null}, null)
                    : net.output(false, new INDArray[] {in[0]}, new INDArray[] {in[1]}, null);
            int docAt = spec.hasMaxHeads() ? 2 * tasks : tasks;
            int gateAt = docAt + (spec.hasDocHeads() ? tasks : 0);
            for (int i = 0; i < part.size(); i++) {
                int len = part.get(i).size();
                para[from + i] = new double[len][tasks][];
                if (max != null) {
                    max[from + i] = new double[tasks][];
                }
                if (doc != null) {
                    doc[from + i] = new double[tasks][];
                }
                for (int k = 0; k < tasks; k++) {
                    int labels = scheme.tasks().get(k).size();
                    INDArray p = out[k];
                    for (int j = 0; j < len; j++) {
                        double[] v = new double[labels];
                        for (int l = 0; l < labels; l++) {
                            v[l] = p.getDouble(i, l, j);
                        }
                        para[from + i][j][k] = v;
                    }
                    if (max != null) {
                        max[from + i][k] = row(out[tasks + k], i, labels);
                    }
                    if (doc != null) {
                        doc[from + i][k] = row(out[docAt + k], i, labels);
                    }
                }
                for (int g = 0; g < gated.size(); g++) {
                    gateRows[g][from + i] = out[gateAt + g].getDouble(i, 0);
                }
            }
            from = to;
        }
        return new RawOutputs(para, max, doc, gate);
    }
}
