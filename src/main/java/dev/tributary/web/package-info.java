/**
 * What every HTTP answer of the hub has in common: failures are {@code application/problem+json}
 * with a readable detail and never a stack trace, SQL, class name or file path.
 */
package dev.tributary.web;
