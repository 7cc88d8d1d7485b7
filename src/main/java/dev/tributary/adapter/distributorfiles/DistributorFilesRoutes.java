package dev.tributary.adapter.distributorfiles;

import dev.tributary.config.RegionSources;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One folder route per declared distributor-files source, id {@code distributor-files-<region>-<source>}
 * (e.g. {@code distributor-files-cn-east-distributor-orders}): the Kamelet
 * {@code distributor-files-source} picks a settled file, {@link DistributorFileProcessor} reads it
 * into intake and files it away.
 */
@Component
class DistributorFilesRoutes extends RouteBuilder {

    static final String ADAPTER = "distributor-files";
    static final String ROUTE_PREFIX = "distributor-files-";

    private final RegionSources sources;
    private final DistributorFileProcessor processor;

    DistributorFilesRoutes(RegionSources sources, DistributorFileProcessor processor) {
        this.sources = sources;
        this.processor = processor;
    }

    static String routeId(String region, String source) {
        return ROUTE_PREFIX + region + "-" + source;
    }

    @Override
    public void configure() throws Exception {
        for (RegionSources.Declared declared : sources.using(ADAPTER)) {
            DistributorFilesSettings settings = sources.settings(declared, DistributorFilesSettings.class);
            if (settings.folder() == null || settings.folder().isBlank()) {
                throw new IllegalStateException(declared.prefix() + ".folder is not set: the distributor-files"
                        + " source needs the folder it watches");
            }
            Path folder = Path.of(settings.folder()).toAbsolutePath().normalize();
            FileFolders.create(folder);
            from("kamelet:distributor-files-source?folder=RAW(" + folder + ")&delay=" + settings.pollDelay().toMillis()
                    + "&settle=" + settings.settle().toMillis() + "&exclude=RAW(" + FileFolders.EXCLUDE + ")")
                    .routeId(routeId(declared.region(), declared.source()))
                    .process(exchange -> processor.process(declared.region(), declared.source(), settings,
                            Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class))));
        }
    }
}
