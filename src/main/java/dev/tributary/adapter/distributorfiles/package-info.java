/**
 * Source adapter {@code distributor-files}: distributors' order files (CSV in UTF-8 or GBK/GB18030,
 * Excel {@code .xlsx}) read as a stream, their rows grouped into canonical orders by 订单号 and
 * handed to intake with the rows they came from, so every rejected row can be named with its
 * number and a reason a distributor can read. Mapping rules: {@code adapters/distributor-files/README.md}.
 * Files arrive in a region's watched folder or through {@code POST /ingest/{region}/files}, are
 * read into intake chunk by chunk with a resume point, and filed to {@code done/} (with a reject
 * report) or {@code error/}; {@code /api/files} reports each file.
 */
package dev.tributary.adapter.distributorfiles;
