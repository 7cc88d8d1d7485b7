/**
 * Personal data (PIPL): phone numbers and e-mail addresses are masked in every log line, whatever
 * logged them; payloads and target answers, which may hold names, are never logged at all.
 */
package dev.tributary.privacy;
