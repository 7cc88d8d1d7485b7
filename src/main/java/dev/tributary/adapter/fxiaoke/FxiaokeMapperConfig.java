package dev.tributary.adapter.fxiaoke;

import org.mapstruct.MapperConfig;
import org.mapstruct.ReportingPolicy;

/** Shared by every Fxiaoke mapper: a canonical field nobody mapped (or ignored on purpose) fails the build. */
@MapperConfig(unmappedTargetPolicy = ReportingPolicy.ERROR, uses = FxiaokeValues.class,
        imports = {FxiaokeValues.class, java.util.List.class})
interface FxiaokeMapperConfig {
}
