package io.mcpwriting.domain.admin.records;

import io.mcpwriting.domain.admin.Json;
import io.mcpwriting.mcp.db.Sql;
import io.mcpwriting.mcp.tool.ClientChannel;
import io.mcpwriting.mcp.tool.JsonText;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import io.mcpwriting.mcp.tool.ToolException;

/**
 * The user's confirmation of a destructive step, asked through the client (form elicitation) when it supports
 * that. A client without elicitation is not asked: the call goes ahead as the tool's arguments say.
 */
public final class Confirmation {

    private Confirmation() {
    }

    /**
     * Null to go ahead; otherwise the result that says nothing changed because the user declined. The message is
     * made only when the client can be asked; one that fails to be made (bad arguments) lets the call go on to
     * fail as it would have.
     */
    public static JsonText declined(String tool, Supplier<String> whatWillHappen) {
        String[] asked = new String[1];
        ClientChannel.Confirmation answer;
        try {
            answer = ClientChannel.current().confirm(() -> asked[0] = whatWillHappen.get());
        } catch (ToolException e) {
            return null;
        }
        if (answer != ClientChannel.Confirmation.DECLINED) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("declined", true);
        result.put("changed", false);
        result.put("message", tool + " did nothing: the user declined \"" + asked[0] + "\"");
        return new JsonText(Json.write(result));
    }

    /** How many rows {@code where} matches now (what a delete would affect). */
    public static long matching(Sql sql, io.mcpwriting.domain.admin.schema.Table table, SqlPart where)
            throws SQLException {
        SqlPart count = new SqlPart().append("SELECT count(*) FROM " + table.quoted() + " t WHERE ").append(where);
        return sql.number(count.sql(), count.paramArray());
    }
}
