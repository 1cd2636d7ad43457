package dev.portcullis.demo.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One facet of an index: {@code {"name": "color", "display_name": "Color", "type": "multiple"}}.
 *
 * <p>On {@code PUT /v1/facets/{name}} the body's name may be left out or must equal the path's.
 *
 * @param name the facet name: 1 to 64 characters of {@code A-Z a-z 0-9 _ -}
 * @param displayName the label shown to shoppers, 1 to 100 characters
 * @param type {@code multiple}, {@code single} or {@code range}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Facet(
    @Nullable String name,
    @JsonProperty("display_name") @Nullable String displayName,
    @Nullable String type) {}
