package io.mcpwriting.domain.admin.audit;

import io.mcpwriting.domain.admin.records.SqlPart;
import io.mcpwriting.mcp.tool.ToolException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The period, table, operation, user and outcome filters the audit tools share, as bound SQL. */
final class AuditFilter {

    private AuditFilter() {
    }

    static SqlPart where(String startDate, String endDate, String table, String operation, String userId,
            Boolean success) {
        OffsetDateTime start = instant("start_date", startDate, false);
        OffsetDateTime end = instant("end_date", endDate, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ToolException.invalid("end_date", "must be after start_date");
        }
        SqlPart sql = new SqlPart().append("TRUE");
        if (start != null) {
            sql.bind(" AND a.\"timestamp\" >= ?", start);
        }
        if (end != null) {
            sql.bind(" AND a.\"timestamp\" < ?", end);
        }
        if (table != null) {
            sql.bind(" AND a.table_name = ?", table);
        }
        if (operation != null) {
            sql.bind(" AND a.operation = ?", operation);
        }
        if (userId != null) {
            sql.bind(" AND a.user_id = ?", userId);
        }
        if (success != null) {
            sql.bind(" AND a.success = ?", success);
        }
        return sql;
    }

    /**
     * ISO-8601 date ({@code 2025-01-31}) or date-time ({@code 2025-01-31T12:00:00Z}; without offset: UTC).
     * A date alone as an end means the end of that day.
     */
    static OffsetDateTime instant(String argument, String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw ToolException.invalid(argument, "'" + (value.length() > 40 ? value.substring(0, 40) : value)
                    + "' is not an ISO-8601 date (2025-01-31) or date-time (2025-01-31T12:00:00Z)");
        }
    }
}
