/**
 * What classifying an article gives: the input, the per-task decisions with their scores, the
 * paragraph results and the evidence that ties frames to paragraphs, as immutable records; the
 * facade ({@link org.framescope.FrameScope}) makes them, {@code io} writes them.
 */
package org.framescope.result;
