package dev.tributary.adapter.fxiaoke;

import dev.tributary.config.RegionSources;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One timer route per declared Fxiaoke source, with the stable id {@code fxiaoke-<region>-<source>}
 * (e.g. {@code fxiaoke-cn-south-crm}), fed by the Kamelet {@code fxiaoke-source}
 * ({@code adapters/fxiaoke/fxiaoke-source.kamelet.yaml}). The timer fires again only a poll interval
 * after the previous poll ended, so polls of one source never overlap.
 */
@Component
class FxiaokeRoutes extends RouteBuilder {

    static final String ROUTE_ID_PREFIX = "fxiaoke-";

    private final FxiaokePollers pollers;

    FxiaokeRoutes(FxiaokePollers pollers) {
        this.pollers = pollers;
    }

    @Override
    public void configure() {
        for (RegionSources.Declared source : pollers.sources()) {
            FxiaokeSettings settings = pollers.settings(source);
            from("kamelet:fxiaoke-source?region=" + source.region() + "&source=" + source.source()
                    + "&period=" + settings.pollInterval().toMillis() + "&delay=" + settings.initialDelay().toMillis())
                    .routeId(routeId(source.region(), source.source()))
                    .process(exchange -> exchange.getMessage().setBody(pollers.poll(source.region(), source.source()).name()));
        }
    }

    static String routeId(String region, String source) {
        return ROUTE_ID_PREFIX + region + "-" + source;
    }
}
