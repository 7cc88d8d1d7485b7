package dev.tributary.adapter.distributorfiles;

import org.mapstruct.MapperConfig;
import org.mapstruct.ReportingPolicy;

/** Shared MapStruct settings of this adapter: every canonical field is mapped or ignored on purpose. */
@MapperConfig(unmappedTargetPolicy = ReportingPolicy.ERROR)
interface DistributorMapperConfig {
}
