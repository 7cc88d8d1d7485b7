package dev.tributary.adapter.distributorfiles;

import dev.tributary.config.RegionSources;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Demo traffic for the file source: every {@code HUB_DEMO_FILES_INTERVAL} (30 s) a generated
 * distributor file, GBK and UTF-8 in turn with a few bad rows, lands in the folder of the first
 * declared distributor-files source (cn-east's in the shipped regions), as a distributor's copy would.
 */
@Component
@Profile("demo")
class DistributorFilesDemo {

    private static final Logger log = LoggerFactory.getLogger(DistributorFilesDemo.class);
    private static final int ROWS = 200;
    private static final int BAD_ROWS = 3;

    private final RegionSources sources;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 1000);

    DistributorFilesDemo(RegionSources sources) {
        this.sources = sources;
    }

    @Scheduled(initialDelayString = "${tributary.demo.files-first-delay:5s}",
            fixedDelayString = "${tributary.demo.files-interval:${HUB_DEMO_FILES_INTERVAL:30s}}")
    void drop() {
        sources.using(DistributorFilesRoutes.ADAPTER).stream().findFirst().ifPresent(declared -> {
            DistributorFilesSettings settings = sources.settings(declared, DistributorFilesSettings.class);
            long n = sequence.incrementAndGet();
            boolean gbk = n % 2 == 0;
            Charset charset = gbk ? DistributorFileGenerator.GBK : StandardCharsets.UTF_8;
            Path folder = Path.of(settings.folder());
            String name = "demo-" + n + (gbk ? "-gbk" : "-utf8") + ".csv";
            Path temp = folder.resolve("." + name + ".tmp");
            try {
                FileFolders.create(folder);
                new DistributorFileGenerator(n).write(temp, ROWS, charset, !gbk,
                        DistributorFileGenerator.spread(BAD_ROWS, ROWS, n));
                FileFolders.moveAtomically(temp, folder.resolve(name));
                log.info("demo: dropped {} into {} ({})", name, declared.region(), declared.source());
            } catch (IOException e) {
                log.warn("demo: could not drop a distributor file into {}: {}", folder, e.toString());
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover hidden temp file is never read as input
                }
            }
        });
    }
}
