package dev.tributary.security;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Settings under {@code tributary.security.*} (defaults in {@code application.yml}, environment
 * variables in {@code config/README.md}). Keys, secrets and passwords are not here: they are read
 * by name from the environment ({@link RegionSettingNames}, {@link HubUsers}).
 *
 * @param signatureTolerance how far a signed request's timestamp may be from the hub's clock; a
 *        bare number is seconds
 * @param replayCacheSize signatures remembered to refuse replays; should exceed the signed
 *        requests per second of all regions times the tolerance
 * @param ingestRatePerSecond requests per second each region may send to ingest
 * @param failedLoginsPerMinute wrong passwords an address may send per minute before it is refused unchecked
 */
@ConfigurationProperties("tributary.security")
record SecurityProperties(
        @DefaultValue("300s") @DurationUnit(ChronoUnit.SECONDS) Duration signatureTolerance,
        @DefaultValue("250000") int replayCacheSize,
        @DefaultValue("200") int ingestRatePerSecond,
        @DefaultValue("10") int failedLoginsPerMinute) {
}
