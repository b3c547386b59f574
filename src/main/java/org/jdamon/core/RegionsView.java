package org.jdamon.core;

/** Read-only view of one target's regions, handed to callbacks and reports. */
public interface RegionsView {
    int size();

    long start(int i);

    long end(int i);

    default long regionSize(int i) {
        return end(i) - start(i);
    }

    int nrAccesses(int i);

    int nrAccessesBp(int i);

    int lastNrAccesses(int i);

    int age(int i);

    long totalBytes();

    int indexOf(long addr);
}
