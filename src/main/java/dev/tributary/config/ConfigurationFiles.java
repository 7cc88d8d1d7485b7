package dev.tributary.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Lets the hub run from any directory: the routes, Kamelets, {@code broker.xml} and default regions
 * ship in the jar under {@code defaults/}, and a file of the same name under {@code routes/},
 * {@code adapters/<name>/} or {@code config/} in the working directory takes its place. Publishes
 * the chosen locations as {@code tributary.configuration-files.*}, which {@code application.yml} uses; every
 * one of them can still be set outright.
 */
public class ConfigurationFiles implements EnvironmentPostProcessor, Ordered {

    static final String DEFAULTS = "defaults/";
    private static final String REGIONS = "config/regions.yml";
    private static final String BROKER = "config/broker/broker.xml";

    private final Path workingDirectory;

    public ConfigurationFiles() {
        this(Path.of(""));
    }

    ConfigurationFiles(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    @Override
    public int getOrder() {
        // before the configuration files are read, so that spring.config.import can name the regions file
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> files = new LinkedHashMap<>();
        String regionsFile = environment.getProperty("HUB_REGIONS_FILE");
        files.put("tributary.configuration-files.regions", regionsFile != null ? "file:" + regionsFile : fileOrDefault(REGIONS));
        files.put("tributary.configuration-files.broker", fileOrDefault(BROKER));
        files.put("tributary.configuration-files.routes", String.join(",", routes()));
        files.put("tributary.configuration-files.kamelets", String.join(",", kamelets()));
        DefaultPropertiesPropertySource.addOrMerge(files, environment.getPropertySources());
    }

    private String fileOrDefault(String path) {
        return Files.isRegularFile(workingDirectory.resolve(path)) ? "file:" + path : "classpath:" + DEFAULTS + path;
    }

    /** Each route file of the jar, or the file of that name under routes/; and routes/ files the jar has not. */
    List<String> routes() {
        TreeSet<String> names = new TreeSet<>(shipped("routes/*.yaml"));
        names.addAll(local(workingDirectory.resolve("routes"), false, ".yaml"));
        return names.stream().map(name -> fileOrDefault("routes/" + name)).toList();
    }

    /** For each adapter folder (shipped or local): the local folder first, then the shipped one. */
    List<String> kamelets() {
        TreeSet<String> adapters = new TreeSet<>();
        for (Resource kamelet : resources("adapters/*/*.kamelet.yaml")) {
            try {
                String url = kamelet.getURL().toString();
                String folder = url.substring(0, url.lastIndexOf('/'));
                adapters.add(folder.substring(folder.lastIndexOf('/') + 1));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the shipped Kamelets", e);
            }
        }
        adapters.addAll(local(workingDirectory.resolve("adapters"), true, null));
        List<String> locations = new ArrayList<>();
        for (String adapter : adapters) {
            if (Files.isDirectory(workingDirectory.resolve("adapters").resolve(adapter))) {
                locations.add("file:adapters/" + adapter);
            }
            locations.add("classpath:" + DEFAULTS + "adapters/" + adapter);
        }
        return locations;
    }

    private static List<String> shipped(String pattern) {
        return resources(pattern).stream().map(Resource::getFilename).toList();
    }

    private static List<Resource> resources(String pattern) {
        try {
            return List.of(new PathMatchingResourcePatternResolver(ConfigurationFiles.class.getClassLoader())
                    .getResources("classpath*:" + DEFAULTS + pattern));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the configuration shipped in the jar", e);
        }
    }

    private static List<String> local(Path folder, boolean directories, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> directories ? Files.isDirectory(p)
                            : Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
                    .map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
    }
}
