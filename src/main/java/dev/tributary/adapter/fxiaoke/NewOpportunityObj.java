package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/** 商机2.0 {@code NewOpportunityObj}; amounts may arrive as strings, dates as epoch milliseconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
record NewOpportunityObj(
        @JsonProperty("_id") String id,
        String name,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("account_id__r") String accountName,
        BigDecimal amount,
        @JsonProperty("mc_currency") String currency,
        @JsonProperty("sales_stage") String salesStage,
        Integer probability,
        @JsonProperty("close_date") Long closeDate,
        List<String> owner,
        @JsonProperty("last_modified_time") Long lastModifiedTime,
        Long version) {
}
