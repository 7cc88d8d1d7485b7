/**
 * Source adapter {@code distributor-files}: distributor order files (CSV in UTF-8 / GBK / GB18030,
 * Excel .xlsx) dropped into a region's watched folder or uploaded to
 * {@code POST /ingest/{region}/files}, read into intake chunk by chunk with a resume point, filed
 * to {@code done/} (with a reject report) or {@code error/}; {@code /api/files} reports each file.
 */
package dev.tributary.adapter.distributorfiles;
