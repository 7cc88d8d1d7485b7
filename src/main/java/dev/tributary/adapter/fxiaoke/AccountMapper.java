package dev.tributary.adapter.fxiaoke;

import dev.tributary.canonical.Customer;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** {@link AccountObj} → canonical customer. */
@Mapper(config = FxiaokeMapperConfig.class)
interface AccountMapper {

    @Mapping(target = "globalCustomerId", ignore = true)
    // Customer's copy-with method looks like a fluent setter to MapStruct; the hub assigns the id
    @Mapping(target = "withGlobalCustomerId", ignore = true)
    @Mapping(target = "legalName", source = "account.name")
    @Mapping(target = "normalisedName", ignore = true)
    @Mapping(target = "unifiedSocialCreditCode", source = "account.uniformSocialCreditCode")
    @Mapping(target = "taxId", ignore = true)
    @Mapping(target = "country", source = "account.country", qualifiedByName = "country")
    @Mapping(target = "province", source = "account.province")
    @Mapping(target = "city", source = "account.city")
    @Mapping(target = "address", source = "account.address")
    @Mapping(target = "industry", source = "account.industry")
    @Mapping(target = "segment", ignore = true)
    @Mapping(target = "tier", source = "account.accountLevel", qualifiedByName = "tier")
    @Mapping(target = "contacts", expression = "java(FxiaokeValues.contacts(account.tel(), account.email()))")
    @Mapping(target = "ownerRegion", ignore = true)
    @Mapping(target = "sourceRefs",
            expression = "java(List.of(FxiaokeValues.sourceRef(region, account.id(), account.lastModifiedTime())))")
    @Mapping(target = "version", source = "account.version")
    @Mapping(target = "updatedAt", source = "account.lastModifiedTime")
    Customer toCustomer(AccountObj account, String region);
}
