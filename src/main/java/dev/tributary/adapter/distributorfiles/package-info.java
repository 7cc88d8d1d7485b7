/**
 * Source adapter {@code distributor-files}: distributors' order files (CSV in UTF-8 or GBK/GB18030,
 * Excel {@code .xlsx}) read as a stream, their rows grouped into canonical orders by 订单号 and
 * handed to intake with the rows they came from, so every rejected row can be named with its
 * number and a reason a distributor can read. Mapping rules: {@code adapters/distributor-files/README.md}.
 */
package dev.tributary.adapter.distributorfiles;
