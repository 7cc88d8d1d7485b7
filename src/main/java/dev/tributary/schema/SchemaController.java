package dev.tributary.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves the published JSON Schemas: {@code GET /api/schema/{name}}. */
@RestController
class SchemaController {

    private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    private final SchemaRegistry registry;

    SchemaController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/schema/{name}")
    ResponseEntity<?> schema(@PathVariable String name) {
        return registry.document(name.replace(".schema.json", ""))
                .<ResponseEntity<?>>map(doc -> ResponseEntity.ok().contentType(SCHEMA_JSON).body(doc))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                            "no schema named '" + name + "'; known: " + SchemaRegistry.NAMES);
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
                });
    }

    @GetMapping("/api/schema")
    Object names() {
        return SchemaRegistry.NAMES;
    }
}
