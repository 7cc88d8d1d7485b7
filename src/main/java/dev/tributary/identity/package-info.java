/**
 * Global customer ids. For now a deterministic rule (tax id, else region + source id); the
 * consolidation feature replaces it with identity resolution and a cross-reference.
 */
package dev.tributary.identity;
