/**
 * Demo mode (profile {@code demo}): WireMock simulators standing in for the HQ CRM and ERP, and a
 * traffic generator posting realistic orders, opportunities and customers for three regions,
 * some invalid on purpose, so a newcomer sees data flow, rejects and dead letters in a minute.
 */
package dev.tributary.demo;
