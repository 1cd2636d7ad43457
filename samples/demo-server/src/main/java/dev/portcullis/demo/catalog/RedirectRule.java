package dev.portcullis.demo.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A redirect rule: searches matching any of {@code matches} go to {@code url} instead of results.
 *
 * <p>{@code {"id": 1, "url": "/sale", "matches": [{"pattern": "sale", "match_type": "EXACT"}]}}.
 * The server assigns the id; a {@code POST} body must not carry one.
 *
 * @param id the server-assigned id
 * @param url where matching searches go: a path starting with {@code /} or an http(s) URL
 * @param matches at least one pattern
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RedirectRule(@Nullable Long id, @Nullable String url, @Nullable List<Match> matches) {

  /**
   * One pattern of a rule.
   *
   * @param pattern the search term, 1 to 100 characters
   * @param matchType {@code EXACT}, {@code PHRASE} (the term occurs in the query) or {@code UNANCHORED}
   */
  public record Match(@Nullable String pattern, @JsonProperty("match_type") @Nullable String matchType) {}
}
