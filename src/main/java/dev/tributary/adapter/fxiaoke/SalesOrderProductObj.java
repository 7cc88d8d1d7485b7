package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** 订单产品 {@code SalesOrderProductObj}: one line of a sales order, {@code order_id} names the order. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SalesOrderProductObj(
        @JsonProperty("_id") String id,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("product_id") String productId,
        @JsonProperty("product_id__r") String productName,
        BigDecimal quantity,
        @JsonProperty("sales_price") BigDecimal salesPrice,
        BigDecimal subtotal,
        @JsonProperty("tax_rate") BigDecimal taxRate) {
}
