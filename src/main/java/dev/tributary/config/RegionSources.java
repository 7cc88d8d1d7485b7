package dev.tributary.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The sources the regions declare in {@code config/regions.yml}, for the adapters: each adapter
 * asks for the sources that name it and binds its own parameters from
 * {@code tributary.regions.<region>.sources.<source>}, so adding a region on an existing adapter
 * is configuration only, and the engine knows no adapter's parameters.
 */
@Component
public class RegionSources {

    /** One declared source: its region, the name the region gives it, and where its parameters are. */
    public record Declared(String region, String source, String adapter, String prefix) {
    }

    private final HubProperties properties;
    private final Binder binder;

    RegionSources(HubProperties properties, Environment environment) {
        this.properties = properties;
        this.binder = Binder.get(environment);
    }

    /** The enabled sources of enabled regions that use {@code adapter}, in region and source order. */
    public List<Declared> using(String adapter) {
        List<Declared> declared = new ArrayList<>();
        new TreeMap<>(properties.regions()).forEach((region, r) -> {
            if (r.enabled()) {
                new TreeMap<>(r.sources()).forEach((name, source) -> {
                    if (source.enabled() && adapter.equals(source.adapter())) {
                        declared.add(new Declared(region, name, adapter, "tributary.regions." + region + ".sources." + name));
                    }
                });
            }
        });
        return declared;
    }

    /** The parameters of {@code source} bound to {@code type} (a record with defaults), never null. */
    public <T> T settings(Declared source, Class<T> type) {
        return binder.bindOrCreate(source.prefix(), Bindable.of(type));
    }

    /** Every declared source of every region, by region then source name (for stats). */
    public Map<String, List<String>> all() {
        Map<String, List<String>> all = new TreeMap<>();
        properties.regions().forEach((region, r) -> all.put(region, new ArrayList<>(new TreeMap<>(r.sources()).keySet())));
        return all;
    }
}
