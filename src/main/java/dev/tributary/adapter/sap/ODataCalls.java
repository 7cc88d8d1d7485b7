package dev.tributary.adapter.sap;

import java.util.Optional;

/**
 * What {@link SapFlow} asks of SAP: the real session sends the calls ({@link ODataSession}), the
 * golden mapping records them against a target that knows only what it was sent ({@link SapMapping}).
 */
interface ODataCalls {

    /** A {@code $filter} lookup of {@code entitySet} by the hub's {@code id}: the key SAP gives it, if any. */
    Optional<String> find(SapRequest lookup, String entitySet, String id) throws SapFailure;

    /** A deep insert of {@code entitySet}; returns the key SAP assigned ({@code keyField} of the answer). */
    String create(SapRequest post, String entitySet, String keyField, String id) throws SapFailure;

    /** A PATCH (MERGE semantics: only the fields sent change). */
    void update(SapRequest patch) throws SapFailure;
}
