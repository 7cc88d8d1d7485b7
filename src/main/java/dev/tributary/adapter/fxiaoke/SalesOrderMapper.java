package dev.tributary.adapter.fxiaoke;

import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import java.util.ArrayList;
import java.util.List;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/**
 * {@link SalesOrderObj} with its {@link SalesOrderProductObj} lines → canonical order. Net is the
 * order's product total, gross its order amount, tax the difference between the two.
 */
@Mapper(config = FxiaokeMapperConfig.class)
interface SalesOrderMapper {

    @Mapping(target = "sourceRef", expression = "java(FxiaokeValues.sourceRef(region, order.id(), order.lastModifiedTime()))")
    @Mapping(target = "orderNumber", source = "order.name")
    @Mapping(target = "customerRef", expression = "java(FxiaokeValues.customerRef(order.accountId(), order.accountName()))")
    @Mapping(target = "orderDate", source = "order.orderTime")
    @Mapping(target = "currency", source = "order.currency", qualifiedByName = "currency")
    @Mapping(target = "lines", expression = "java(toLines(lines))")
    @Mapping(target = "netTotal", source = "order.productAmount")
    @Mapping(target = "taxTotal", expression = "java(FxiaokeValues.difference(order.orderAmount(), order.productAmount()))")
    @Mapping(target = "grossTotal", source = "order.orderAmount")
    @Mapping(target = "status", source = "order.lifeStatus", qualifiedByName = "status")
    @Mapping(target = "channel", constant = "DIRECT")
    @Mapping(target = "distributorId", ignore = true)
    @Mapping(target = "sourceUpdatedAt", source = "order.lastModifiedTime")
    @Mapping(target = "sourceVersion", source = "order.version")
    Order toOrder(SalesOrderObj order, List<SalesOrderProductObj> lines, String region);

    @Mapping(target = "lineNo", source = "lineNo")
    @Mapping(target = "sku", source = "line.productId")
    @Mapping(target = "description", source = "line.productName")
    @Mapping(target = "quantity", source = "line.quantity")
    @Mapping(target = "unitPrice", source = "line.salesPrice")
    @Mapping(target = "discount", ignore = true)
    @Mapping(target = "lineTotal", source = "line.subtotal")
    @Mapping(target = "taxRate", source = "line.taxRate", qualifiedByName = "percent")
    OrderLine toLine(SalesOrderProductObj line, int lineNo);

    /** The lines numbered from 1 in the order Fxiaoke listed them. */
    default List<OrderLine> toLines(List<SalesOrderProductObj> lines) {
        List<OrderLine> mapped = new ArrayList<>();
        for (int i = 0; lines != null && i < lines.size(); i++) {
            mapped.add(toLine(lines.get(i), i + 1));
        }
        return mapped;
    }
}
