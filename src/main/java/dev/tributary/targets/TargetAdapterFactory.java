package dev.tributary.targets;

/**
 * Makes the adapters of one kind (a Spring bean in {@code dev.tributary.adapter.<name>}); a
 * deployment picks it per target with {@code tributary.targets.<target>.adapter: <adapter()>}.
 */
public interface TargetAdapterFactory {

    /** The name a deployment gives in {@code tributary.targets.<target>.adapter}. */
    String adapter();

    /** An adapter for one configured target; reads its own settings through {@code context}. */
    TargetAdapter create(TargetContext context);
}
