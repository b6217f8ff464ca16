package org.framescope.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.framescope.encode.Featurizer;
import org.framescope.encode.ParagraphFeatures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** Turns featurized articles into network inputs and runs the network forward. */
public final class NetworkRunner {

    /** Upper bound on batch x paragraphs x features floats held at once (about 256 MB). */
    private static final long MAX_CELLS = 64L << 20;

    private NetworkRunner() {
    }

    /** Builds the [batch, features, maxParagraphs] input and its [batch, maxParagraphs] mask. */
    public static INDArray[] inputs(Featurizer featurizer, List<List<ParagraphFeatures>> articles) {
        int b = articles.size();
        int t = Math.max(1, articles.stream().mapToInt(List::size).max().orElse(1));
        int f = featurizer.dim();
        float[] x = new float[Math.multiplyExact(Math.multiplyExact(b, f), t)];
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            List<ParagraphFeatures> a = articles.get(i);
            for (int j = 0; j < a.size(); j++) {
                featurizer.write(a.get(j), x, i * f * t + j, t);
                mask[i * t + j] = 1f;
            }
        }
        return new INDArray[]{Nd4j.create(x, new long[]{b, f, t}, 'c'), Nd4j.create(mask, new long[]{b, t}, 'c')};
    }

    /** Forward pass in memory-bounded batches. The caller must own the network (it is not thread-safe). */
    public static RawScores forward(ComputationGraph net, LabelScheme scheme, Featurizer featurizer,
                                    List<List<ParagraphFeatures>> articles) {
        int n = articles.size();
        int tasks = scheme.tasks().size();
        double[][][][] para = new double[n][][][];
        double[][][] art = new double[n][][];
        int from = 0;
        while (from < n) {
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
            List<List<ParagraphFeatures>> part = articles.subList(from, to);
            INDArray[] in = inputs(featurizer, part);
            INDArray[] out = net.output(false, new INDArray[]{in[0]}, new INDArray[]{in[1]}, null);
            for (int i = 0; i < part.size(); i++) {
                int len = part.get(i).size();
                para[from + i] = new double[len][tasks][];
                art[from + i] = new double[tasks][];
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
                    art[from + i][k] = out[tasks + k].getRow(i).castTo(DataType.DOUBLE).toDoubleVector();
                }
            }
            from = to;
        }
        return new RawScores(para, art);
    }
}
