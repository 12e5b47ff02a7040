package io.hookguard.app.config;

import io.hookguard.domain.outbox.DestinationName;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sources and destinations of the configuration file, validated: always both built-in sources
 * ({@code workflow_complete}, {@code github}) first, then the declared ones in file order.
 */
public record FileConfig(List<SourceConfig> sources, List<DestinationConfig> destinations) {

    public FileConfig {
        sources = List.copyOf(sources);
        destinations = List.copyOf(destinations);
        Set<String> names = new HashSet<>();
        for (SourceConfig source : sources) {
            if (!names.add(source.name())) {
                throw new IllegalArgumentException("'sources' name '" + source.name() + "' twice");
            }
        }
        if (!names.contains(SourceConfig.WORKFLOW_COMPLETE) || !names.contains(SourceConfig.GITHUB)) {
            throw new IllegalArgumentException("'sources' must hold both built-in sources");
        }
        Set<DestinationName> destinationNames = new HashSet<>();
        for (DestinationConfig destination : destinations) {
            if (!destinationNames.add(destination.name())) {
                throw new IllegalArgumentException("'destinations' name '" + destination.name() + "' twice");
            }
        }
        for (SourceConfig source : sources) {
            for (DestinationName target : source.forward()) {
                if (!destinationNames.contains(target)) {
                    throw new IllegalArgumentException("'forward' of " + source.name() + " names unknown destination "
                            + target);
                }
            }
        }
    }

    /** The configuration without a file: the two built-in sources with the server's defaults, no destination. */
    public static FileConfig withoutFile(ServerDefaults defaults) {
        return ConfigFile.builtInsOnly(defaults);
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(source -> source.name().equals(name)).findFirst();
    }

    /** The sources declared in the file, without the built-in ones. */
    public List<SourceConfig> declaredSources() {
        return sources.stream().filter(source -> !source.builtIn()).toList();
    }

    public Optional<DestinationConfig> destination(DestinationName name) {
        return destinations.stream().filter(destination -> destination.name().equals(name)).findFirst();
    }

    /** The destinations {@code source} forwards to, in the order of its {@code forward} list. */
    public List<DestinationConfig> destinationsOf(SourceConfig source) {
        return source.forward().stream().map(name -> destination(name).orElseThrow()).toList();
    }

    /** The destinations the source of that name forwards to; empty for an unknown name. */
    public List<DestinationConfig> destinationsOf(String sourceName) {
        return source(sourceName).map(this::destinationsOf).orElse(List.of());
    }

    /** Whether every source checks signatures (none is {@code verify: none}, no built-in lacks its secret). */
    public boolean everySourceVerifies() {
        return unverifiedSources().isEmpty();
    }

    /** The names of the sources that accept unsigned requests, for the binding rule and the start-up warning. */
    public List<String> unverifiedSources() {
        return sources.stream().filter(source -> !source.verifies()).map(SourceConfig::name).toList();
    }

    /**
     * The same configuration with the built-in secrets of the environment merged in
     * ({@code HOOKGUARD_WEBHOOK_SECRET} for {@code workflow_complete}, {@code HOOKGUARD_GITHUB_SECRET} for
     * {@code github}): the environment's secret first, the file's differing secrets after it
     * ({@link SourceConfig#mergeSecrets}).
     */
    public FileConfig withEnvironmentSecrets(Optional<String> workflowCompleteSecret, Optional<String> githubSecret) {
        Objects.requireNonNull(workflowCompleteSecret, "'workflowCompleteSecret' is required");
        Objects.requireNonNull(githubSecret, "'githubSecret' is required");
        return new FileConfig(sources.stream().map(source -> switch (source.name()) {
            case SourceConfig.WORKFLOW_COMPLETE -> source.withEnvironmentSecret(workflowCompleteSecret);
            case SourceConfig.GITHUB -> source.withEnvironmentSecret(githubSecret);
            default -> source;
        }).toList(), destinations);
    }
}
