package org.jamesclientid.bench;

/**
 * CPU burnt in a frame of {@code org.jamesclientid}, for {@code ExtensionCpuShareTest}'s JVM.
 */
public final class BusyExtensionCode {
    private BusyExtensionCode() {
    }

    public static long spin(long until) {
        long sum = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                sum = sum * 31 + i;
            }
        }
        return sum;
    }
}
