package org.framescope.encode;

/** A sparse vector: sorted unique indices with their values. */
public record SparseVector(int[] indices, float[] values) {

    public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    /** The number of stored (non-zero) entries. */
    public int nnz() {
        return indices.length;
    }
}
