package dev.tributary.canonical;

/**
 * How an order or opportunity names its customer: the customer's id in the same source system,
 * and where the source knows them, the tax id and legal name that let HQ find the real company.
 */
public record CustomerRef(String sourceId, String unifiedSocialCreditCode, String taxId, String legalName) {
}
