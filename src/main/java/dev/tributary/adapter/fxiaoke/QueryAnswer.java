package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer of {@code POST /cgi/crm/v2/data/query}: {@code errorCode} 0 and a page of objects, each
 * kept as received (mapped per object later, so one unreadable object does not lose the page).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record QueryAnswer(Integer errorCode, String errorMessage, Page data) {

    /** One page: the objects, and how many match the query in all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(Integer total, Integer offset, Integer limit, List<ObjectNode> dataList) {

        Page {
            dataList = dataList == null ? List.of() : dataList;
        }
    }

    List<ObjectNode> rows() {
        return data == null ? List.of() : data.dataList();
    }
}
