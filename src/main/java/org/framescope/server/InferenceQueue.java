package org.framescope.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.framescope.result.ArticleInput;
import org.framescope.result.ArticleResult;
import org.framescope.util.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of classify requests in front of a fixed set of worker threads.
 * <ul>
 *   <li>Bounded: a full queue refuses at once (the caller answers 503 + Retry-After) instead of
 *       letting waiting requests pile up without limit.</li>
 *   <li>Micro-batching: a worker that takes a request also takes what else is already queued, up to
 *       {@code batchChars} of text, and makes one library call; it never waits for more to arrive,
 *       so an idle service adds no latency, and it leaves one queued request for each idle worker,
 *       so batching never takes work from a free core. One call gives the encoder fuller batches
 *       (it batches windows when its outputs do not depend on batch mates) and takes the network
 *       lock once.</li>
 *   <li>Thread safety of the network is the library's: {@code FrameScope} runs the encoder
 *       concurrently and serialises the DL4J forward pass on one lock. Workers only decide how many
 *       concurrent callers there are.</li>
 *   <li>A request whose caller has given up (timed out) is skipped if it has not started, and a
 *       batch whose requests have all timed out is abandoned between encoder batches, so the
 *       worker is free again within about a second ({@code framescope_cancelled_batches_total}).</li>
 * </ul>
 */
final class InferenceQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceQueue.class);

    /** One request waiting for, or being served by, a worker. */
    static final class Job {
        final List<ArticleInput> articles;
        final boolean batch;
        final boolean explain;
        final int chars;
        final CompletableFuture<List<ArticleResult>> result = new CompletableFuture<>();

        Job(List<ArticleInput> articles, boolean batch, boolean explain) {
            this.articles = List.copyOf(articles);
            this.batch = batch;
            this.explain = explain;
            this.chars = articles.stream().mapToInt(a -> a.text().length()).sum();
        }

        /** The request field that holds article {@code i}'s text, for error messages. */
        String field(int i) {
            return batch ? "articles[" + i + "].text" : "text";
        }
    }

    private final Classifier classifier;
    private final BlockingQueue<Job> queue;
    private final int batchChars;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Metrics metrics;
    private volatile boolean closed;

    InferenceQueue(Classifier classifier, int workers, int capacity, int batchChars, Metrics metrics) {
        this.classifier = classifier;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchChars = batchChars;
        this.metrics = metrics;
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "framescope-worker-" + i);
            t.setDaemon(true);
            t.start();
            this.workers.add(t);
        }
    }

    /** Queues the articles; null when the queue is full (the caller should answer 503). */
    Job offer(List<ArticleInput> articles, boolean batch, boolean explain) {
        if (closed) {
            return null;
        }
        Job j = new Job(articles, batch, explain);
        return queue.offer(j) ? j : null;
    }

    int depth() {
        return queue.size();
    }

    int busyWorkers() {
        return busy.get();
    }

    private void work() {
        List<Job> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            Job first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            batch.clear();
            batch.add(first);
            int chars = first.chars;
            busy.incrementAndGet();
            try {
                // Take what is already waiting, within the budget, but leave one request for every
                // idle worker: batching must not serialise work that another core could do now.
                for (Job next; chars < batchChars && queue.size() > idleWorkers() && (next = queue.peek()) != null; ) {
                    if (chars + next.chars > batchChars
                            || next.explain != first.explain) { // one library call: one kind
                        break;
                    }
                    if (queue.remove(next)) {
                        batch.add(next);
                        chars += next.chars;
                    }
                }
                run(batch);
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private int idleWorkers() {
        return Math.max(0, workers.size() - busy.get());
    }

    private void run(List<Job> batch) {
        List<Job> live = batch.stream().filter(j -> !j.result.isDone()).toList();
        if (live.isEmpty()) {
            return;
        }
        List<ArticleInput> all = new ArrayList<>();
        live.forEach(j -> all.addAll(j.articles));
        long t0 = System.nanoTime();
        try {
            // Stop as soon as nobody waits for the answer: a timed-out request must free its worker.
            List<ArticleResult> results = classifier.classify(
                    all, live.get(0).explain, () -> live.stream().allMatch(j -> j.result.isDone()));
            metrics.batch(
                    live.size(),
                    all.size(),
                    results.stream().mapToInt(r -> r.paragraphs().size()).sum(),
                    System.nanoTime() - t0);
            int k = 0;
            for (Job j : live) {
                j.result.complete(List.copyOf(results.subList(k, k + j.articles.size())));
                k += j.articles.size();
            }
        } catch (CancellationException e) {
            metrics.cancelled(System.nanoTime() - t0);
            LOG.debug(
                    "abandoned a batch of {} timed-out requests after {} ms",
                    live.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (InputException e) {
            // One bad article must not fail its batch mates: run each request alone to find it.
            if (live.size() > 1) {
                live.forEach(j -> run(List.of(j)));
            } else {
                live.get(0).result.completeExceptionally(locate(live.get(0), e));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("classification failed for a batch of {} requests", live.size(), e);
            for (Job j : live) {
                j.result.completeExceptionally(
                        new ApiException(500, "internal error while classifying; see the server log"));
            }
        }
    }

    /** Names the article of a failed request, as {@code articles[i]}, by classifying its articles one by one. */
    private ApiException locate(Job job, InputException e) {
        if (job.articles.size() == 1) {
            return ApiException.badRequest("field '" + job.field(0) + "': " + e.problem());
        }
        for (int i = 0; i < job.articles.size(); i++) {
            try {
                classifier.classify(List.of(job.articles.get(i)), false, job.result::isDone);
            } catch (InputException ie) {
                return ApiException.badRequest("field '" + job.field(i) + "': " + ie.problem());
            } catch (RuntimeException ignored) { // cancelled, or the encoder failed: keep the batch's message
                break;
            }
        }
        return ApiException.badRequest(e.problem());
    }

    /** Stops taking requests; queued ones are still served. Waits up to {@code millis} for the workers. */
    void close(long millis) {
        closed = true;
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Job j; (j = queue.poll()) != null; ) {
            j.result.completeExceptionally(ApiException.unavailable("the server is shutting down", 1));
        }
    }

    @Override
    public void close() {
        close(0);
    }
}
