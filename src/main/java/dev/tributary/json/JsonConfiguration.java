package dev.tributary.json;

import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings of Boot's {@code ObjectMapper} that {@code spring.jackson.*} cannot express. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Keeps the scale of decimals read through a JSON tree: 12.50 stays 12.50, not 12.5. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer keepDecimalScale() {
        return builder -> builder.postConfigurer(
                mapper -> mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false));
    }
}
