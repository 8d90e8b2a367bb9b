package outsidetheextension;

import org.jamesclientid.bench.BusyExtensionCode;

/**
 * A JVM for {@code ExtensionCpuShareTest}, in a package outside the extension's: two threads burn the same CPU, one
 * in this class only, the other in a class of {@code org.jamesclientid}. A profiler of the extension's share should
 * find about half.
 */
public final class TwoBusyThreads {
    private static final long SECONDS = 60;

    public static void main(String[] args) throws InterruptedException {
        long until = System.nanoTime() + SECONDS * 1_000_000_000L;
        Thread outside = new Thread(() -> System.out.println(spin(until)), "outside");
        Thread inside = new Thread(() -> System.out.println(BusyExtensionCode.spin(until)), "inside");
        outside.setDaemon(true);
        inside.setDaemon(true);
        outside.start();
        inside.start();
        System.out.println("ready");
        System.out.flush();
        outside.join();
    }

    static long spin(long until) {
        long sum = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                sum = sum * 31 + i;
            }
        }
        return sum;
    }
}
