/**
 * Salesforce as the HQ CRM target: an OAuth 2.0 client-credentials session, sObject Collections
 * upserts by external id (Accounts, then Opportunities, Orders and the items of the Orders that
 * were written), each record's answer classified on its own, and a simulated Salesforce for demo
 * mode and tests. Parameters, field mapping and error classes: {@code adapters/salesforce/README.md}.
 */
package dev.tributary.adapter.salesforce;
