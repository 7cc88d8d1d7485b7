package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** 销售订单 {@code SalesOrderObj}; its lines are {@link SalesOrderProductObj}s, queried separately. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SalesOrderObj(
        @JsonProperty("_id") String id,
        String name,
        @JsonProperty("account_id") String accountId,
        @JsonProperty("account_id__r") String accountName,
        @JsonProperty("order_time") Long orderTime,
        @JsonProperty("product_amount") BigDecimal productAmount,
        @JsonProperty("order_amount") BigDecimal orderAmount,
        @JsonProperty("mc_currency") String currency,
        @JsonProperty("life_status") String lifeStatus,
        @JsonProperty("last_modified_time") Long lastModifiedTime,
        Long version) {
}
