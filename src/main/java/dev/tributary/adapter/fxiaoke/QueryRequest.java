package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /cgi/crm/v2/data/query} (shape of the contract sample). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueryRequest(String corpAccessToken, String corpId, String currentOpenUserId, Data data) {

    /** Which object, and the search. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(String dataObjectApiName, @JsonProperty("search_query_info") SearchQueryInfo searchQueryInfo) {
    }

    /** Offset paging, ANDed filters and the order of the answer. */
    record SearchQueryInfo(int limit, int offset, List<Filter> filters, List<Order> orders) {
    }

    /** One condition, e.g. {@code last_modified_time GTE [millis]} or {@code order_id IN [ids]}. */
    record Filter(@JsonProperty("field_name") String fieldName, @JsonProperty("field_values") List<Object> fieldValues,
            String operator) {
    }

    /** One sort key. */
    record Order(String fieldName, boolean isAsc) {
    }
}
