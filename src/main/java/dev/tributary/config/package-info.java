/** The hub's own settings ({@code tributary.*}), bound once and shared by the features. */
package dev.tributary.config;
