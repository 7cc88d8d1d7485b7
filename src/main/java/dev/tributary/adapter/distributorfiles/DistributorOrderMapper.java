package dev.tributary.adapter.distributorfiles;

import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import dev.tributary.canonical.SourceRef;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.factory.Mappers;

/** Maps one order of a distributor file ({@link DistributorOrder}) to the canonical {@link Order}. */
@Mapper(config = DistributorMapperConfig.class)
interface DistributorOrderMapper {

    DistributorOrderMapper INSTANCE = Mappers.getMapper(DistributorOrderMapper.class);

    @Mapping(target = "sourceRef", expression = "java(sourceRef(order))")
    @Mapping(target = "orderNumber", source = "orderNumber")
    @Mapping(target = "customerRef", expression = "java(customerRef(order))")
    @Mapping(target = "orderDate", source = "orderDate")
    @Mapping(target = "currency", source = "currency")
    @Mapping(target = "lines", source = "lines")
    @Mapping(target = "netTotal", source = "netTotal")
    @Mapping(target = "taxTotal", source = "taxTotal")
    @Mapping(target = "grossTotal", source = "grossTotal")
    @Mapping(target = "status", constant = "SUBMITTED")
    @Mapping(target = "channel", constant = "DISTRIBUTOR")
    @Mapping(target = "distributorId", source = "distributorId")
    @Mapping(target = "sourceUpdatedAt", source = "sourceUpdatedAt")
    @Mapping(target = "sourceVersion", ignore = true)
    Order toOrder(DistributorOrder order);

    @Mapping(target = "region", ignore = true)
    @Mapping(target = "system", constant = DistributorFilesMapping.SYSTEM)
    @Mapping(target = "sourceId", source = "sourceId")
    @Mapping(target = "lastSeenAt", ignore = true)
    @Mapping(target = "withRegion", ignore = true) // SourceRef's copy method, which MapStruct takes for a fluent setter
    SourceRef sourceRef(DistributorOrder order);

    @Mapping(target = "sourceId", source = "customerSourceId")
    @Mapping(target = "unifiedSocialCreditCode", source = "unifiedSocialCreditCode")
    @Mapping(target = "taxId", ignore = true)
    @Mapping(target = "legalName", source = "customerName")
    CustomerRef customerRef(DistributorOrder order);

    @Mapping(target = "lineNo", source = "lineNo")
    @Mapping(target = "sku", source = "sku")
    @Mapping(target = "description", source = "description")
    @Mapping(target = "quantity", source = "quantity")
    @Mapping(target = "unitPrice", source = "unitPrice")
    @Mapping(target = "discount", source = "discount")
    @Mapping(target = "lineTotal", source = "lineTotal")
    @Mapping(target = "taxRate", source = "taxRate")
    OrderLine line(OrderRow row);
}
