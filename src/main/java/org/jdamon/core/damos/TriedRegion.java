package org.jdamon.core.damos;

/** One region a scheme tried during its last complete pass ({@code tried_regions/<N>}, design §8.10). */
public record TriedRegion(int targetIdx, long start, long end, int nrAccesses, int age, long szFilterPassed) {}
