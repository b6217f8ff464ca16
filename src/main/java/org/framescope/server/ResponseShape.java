package org.framescope.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.framescope.result.ArticleResult;
import org.framescope.result.ParagraphResult;
import org.framescope.result.TaskResult;

/** The body of a successful classify answer: the library's results with the request's options applied. */
final class ResponseShape {

    private ResponseShape() {}

    /** One result for a single article, {@link FrameScopeServer.BatchResponse} for a batch. */
    static Object body(ClassifyRequest req, List<ArticleResult> results) {
        List<ArticleResult> shaped =
                results.stream().map(r -> shape(r, req.options())).toList();
        return req.batch() ? new FrameScopeServer.BatchResponse(shaped) : shaped.get(0);
    }

    /** Applies the response options; with the defaults the result is exactly the library's. */
    static ArticleResult shape(ArticleResult r, ClassifyRequest.Options o) {
        if (o.paragraphs() && o.allScores()) {
            return r;
        }
        List<ParagraphResult> paras = new ArrayList<>();
        if (o.paragraphs()) {
            for (ParagraphResult p : r.paragraphs()) {
                paras.add(
                        o.allScores()
                                ? p
                                : new ParagraphResult(p.index(), p.text(), p.title(), predictedOnly(p.tasks())));
            }
        }
        Map<String, TaskResult> tasks = o.allScores() ? r.tasks() : predictedOnly(r.tasks());
        return new ArticleResult(r.id(), r.language(), tasks, paras, r.evidence(), r.droppedLines(), r.explanations());
    }

    private static Map<String, TaskResult> predictedOnly(Map<String, TaskResult> tasks) {
        Map<String, TaskResult> out = new LinkedHashMap<>();
        tasks.forEach((name, t) -> {
            Map<String, Double> scores = new LinkedHashMap<>();
            t.scores().forEach((label, v) -> {
                if (t.labels().contains(label)) {
                    scores.put(label, v);
                }
            });
            out.put(name, new TaskResult(t.task(), t.labels(), scores));
        });
        return out;
    }
}
