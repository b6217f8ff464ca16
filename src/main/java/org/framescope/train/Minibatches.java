package org.framescope.train;

import java.util.ArrayList;
import java.util.List;
import org.framescope.data.LabeledArticle;
import org.framescope.data.Labels;
import org.framescope.encode.ArticleFeatures;
import org.framescope.encode.Featurizer;
import org.framescope.model.LabelScheme;
import org.framescope.model.NetworkFactory;
import org.framescope.model.NetworkRunner;
import org.framescope.model.NetworkSpec;
import org.framescope.model.Task;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Training minibatches: features, labels and the masks that say where gold exists. */
final class Minibatches {

    private Minibatches() {}

    /**
     * One minibatch. Paragraph heads get masks that are zero where a paragraph has no gold (article-only
     * data), so those articles train the model only through the pooled article heads.
     */
    static MultiDataSet batch(
            LabelScheme scheme,
            NetworkSpec spec,
            Featurizer featurizer,
            List<LabeledArticle> articles,
            List<ArticleFeatures> x,
            List<Integer> idx,
            ClassWeights w) {
        List<ArticleFeatures> feats = idx.stream().map(x::get).toList();
        INDArray[] in = NetworkRunner.inputs(featurizer, feats, spec.hasDocHeads());
        int b = idx.size();
        int tMax = (int) in[0].size(2);
        int tasks = scheme.tasks().size();
        List<INDArray> labels = new ArrayList<>();
        List<INDArray> masks = new ArrayList<>();
        List<INDArray> artLabels = new ArrayList<>();
        List<INDArray> artMasks = new ArrayList<>();
        for (int k = 0; k < tasks; k++) {
            Task t = scheme.tasks().get(k);
            int n = t.size();
            float[] pl = new float[b * n * tMax];
            float[] pm = new float[t.multiLabel() ? b * n * tMax : b * tMax];
            float[] al = new float[b * n];
            float[] am = new float[b * n];
            double[] posP = w.positiveParagraph().get(t.name());
            double[] posA = w.positiveArticle().get(t.name());
            for (int i = 0; i < b; i++) {
                LabeledArticle a = articles.get(idx.get(i));
                if (a.hasParagraphLabels()) {
                    for (int j = 0; j < a.paragraphs().size(); j++) {
                        var gold = a.paragraphLabels().get(j).of(t.name());
                        for (int l = 0; l < n; l++) {
                            boolean y = gold.contains(t.labels().get(l));
                            pl[i * n * tMax + l * tMax + j] = y ? 1f : 0f;
                            if (t.multiLabel()) {
                                pm[i * n * tMax + l * tMax + j] = y && posP != null ? (float) posP[l] : 1f;
                            }
                        }
                        if (!t.multiLabel()) {
                            pm[i * tMax + j] = 1f;
                        }
                    }
                }
                var gold = a.articleLabels().of(t.name());
                for (int l = 0; l < n; l++) {
                    boolean y = gold.contains(t.labels().get(l));
                    al[i * n + l] = y ? 1f : 0f;
                    am[i * n + l] = t.multiLabel() && y && posA != null ? (float) posA[l] : 1f;
                }
            }
            labels.add(Nd4j.create(pl, new long[] {b, n, tMax}, 'c'));
            masks.add(
                    t.multiLabel()
                            ? Nd4j.create(pm, new long[] {b, n, tMax}, 'c')
                            : Nd4j.create(pm, new long[] {b, tMax}, 'c'));
            artLabels.add(Nd4j.create(al, new long[] {b, n}, 'c'));
            artMasks.add(t.multiLabel() ? Nd4j.create(am, new long[] {b, n}, 'c') : null);
        }
        // Output order (NetworkFactory.outputNames): paragraph heads, max-pooled heads, whole-article heads, gates.
        if (spec.hasMaxHeads()) {
            labels.addAll(artLabels);
            masks.addAll(artMasks);
        }
        if (spec.hasDocHeads()) {
            labels.addAll(artLabels);
            masks.addAll(artMasks);
        }
        // Gates learn "the article carries any label of this task" (no class weights: a proper probability).
        for (Task t : NetworkFactory.gatedTasks(scheme, spec)) {
            float[] gl = new float[b];
            for (int i = 0; i < b; i++) {
                gl[i] = articles.get(idx.get(i)).articleLabels().of(t.name()).isEmpty() ? 0f : 1f;
            }
            labels.add(Nd4j.create(gl, new long[] {b, 1}, 'c'));
            masks.add(null);
        }
        INDArray[] features = spec.hasDocHeads() ? new INDArray[] {in[0], in[2]} : new INDArray[] {in[0]};
        INDArray[] featureMasks = spec.hasDocHeads() ? new INDArray[] {in[1], null} : new INDArray[] {in[1]};
        return new MultiDataSet(
                features, labels.toArray(INDArray[]::new), featureMasks, masks.toArray(INDArray[]::new));
    }

    static boolean[] oneHot(Task t, Labels labels) {
        boolean[] out = new boolean[t.size()];
        for (String l : labels.of(t.name())) {
            out[t.indexOf(l)] = true;
        }
        return out;
    }
}
