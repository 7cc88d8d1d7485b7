package dev.tributary.adapter.distributorfiles;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

/**
 * Reads distributor files in a JVM of its own (started by {@link StreamingReadTest} with a small
 * heap) and prints, per file, its rows, orders, rows per second and the most heap in use after a collection.
 */
public final class StreamingReadProbe {

    private StreamingReadProbe() {
    }

    public static void main(String[] args) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (String name : args) {
            long start = System.nanoTime();
            long peak = 0;
            int rows = 0;
            int orders = 0;
            try (OrderFileReader reader = OrderFileReader.open(Path.of(name), null, null, "probe")) {
                for (FileOrder order = reader.next(); order != null; order = reader.next()) {
                    orders++;
                    rows += order.rows().size();
                    if (orders % 10_000 == 0) {
                        System.gc(); // the heap the reader keeps alive, not garbage not yet collected
                        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s rows=%d orders=%d seconds=%.2f rowsPerSecond=%.0f liveHeapMb=%d maxHeapMb=%d%n",
                    Path.of(name).getFileName(), rows, orders, seconds, rows / seconds, peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
