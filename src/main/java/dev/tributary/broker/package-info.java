/**
 * The broker connection. By default an embedded Artemis broker configured from
 * {@code config/broker/broker.xml} (the same file a standalone broker uses), with its journal under
 * the hub's data directory; with {@code tributary.broker.embedded=false} an external broker.
 */
package dev.tributary.broker;
