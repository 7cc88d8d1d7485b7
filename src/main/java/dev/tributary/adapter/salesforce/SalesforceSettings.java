package dev.tributary.adapter.salesforce;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The parameters of one Salesforce target, bound from {@code tributary.targets.<target>}
 * (kebab-case there: {@code client-id}, {@code external-id-field}, …). A blank {@code tokenUrl}
 * means {@code {base-url}/services/oauth2/token}; a blank {@code tierField} or
 * {@code pricebookId} is not sent.
 */
public record SalesforceSettings(
        @DefaultValue("v62.0") String apiVersion,
        String tokenUrl,
        String clientId,
        String clientSecret,
        @DefaultValue("Tributary_Id__c") String externalIdField,
        @DefaultValue("Tributary_Sku__c") String pricebookEntryExternalIdField,
        @DefaultValue("Tributary_Merged_Into__c") String mergedIntoField,
        @DefaultValue("Tributary_Tier__c") String tierField,
        @DefaultValue("Draft") String orderStatus,
        String pricebookId,
        @DefaultValue("true") boolean currencyIsoCode,
        @DefaultValue("200") int batchSize) {

    /** Salesforce's limit of records in one sObject Collections call. */
    static final int MAX_RECORDS_PER_CALL = 200;

    /** The settings when nothing is configured (the golden cases' mapping). */
    public static SalesforceSettings defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("salesforce", SalesforceSettings.class);
    }

    /** Events per delivery: the configured batch size within 1..200. */
    int maxBatch() {
        return Math.max(1, Math.min(batchSize, MAX_RECORDS_PER_CALL));
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
