package dev.tributary.adapter.fxiaoke;

import dev.tributary.canonical.Opportunity;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

/** {@link NewOpportunityObj} → canonical opportunity, keeping the source's own stage name beside the canonical stage. */
@Mapper(config = FxiaokeMapperConfig.class)
interface OpportunityMapper {

    @Mapping(target = "sourceRef",
            expression = "java(FxiaokeValues.sourceRef(region, opportunity.id(), opportunity.lastModifiedTime()))")
    @Mapping(target = "customerRef",
            expression = "java(FxiaokeValues.customerRef(opportunity.accountId(), opportunity.accountName()))")
    @Mapping(target = "name", source = "opportunity.name")
    @Mapping(target = "stage", source = "opportunity.salesStage", qualifiedByName = "stage")
    @Mapping(target = "sourceStage", source = "opportunity.salesStage")
    @Mapping(target = "amount", source = "opportunity.amount")
    @Mapping(target = "currency", source = "opportunity.currency", qualifiedByName = "currency")
    @Mapping(target = "probability", source = "opportunity.probability")
    @Mapping(target = "expectedCloseDate", source = "opportunity.closeDate")
    @Mapping(target = "owner", source = "opportunity.owner", qualifiedByName = "firstOwner")
    @Mapping(target = "sourceUpdatedAt", source = "opportunity.lastModifiedTime")
    Opportunity toOpportunity(NewOpportunityObj opportunity, String region);
}
