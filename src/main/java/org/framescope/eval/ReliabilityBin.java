package org.framescope.eval;

/** One bin of a reliability diagram: predictions whose confidence falls in [lower, upper). */
public record ReliabilityBin(double lower, double upper, int count, double meanConfidence, double accuracy) {}
