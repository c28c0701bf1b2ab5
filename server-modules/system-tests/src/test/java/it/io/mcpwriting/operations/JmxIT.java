package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.mcpwriting.support.Jmx;
import it.io.mcpwriting.support.McpSession;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import org.junit.jupiter.api.Test;

/** Each server's MBean is visible through Liberty's local JMX connector, as jconsole would see it. */
class JmxIT {

    @Test
    void serverMBeanShowsCallsByToolErrorsAndSessions() throws Exception {
        try (McpSession session = McpSession.open("author")) {
            session.call("list_authors").ok();
            session.call("get_author", "author_id", 987654321).error("does not exist");
        }
        try (JMXConnector connector = Jmx.connect("author")) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            Set<ObjectName> names = mbeans.queryNames(new ObjectName("io.mcpwriting:type=McpServer,*"), null);
            assertEquals(1, names.size(), names.toString());
            ObjectName name = names.iterator().next();
            assertEquals("author", mbeans.getAttribute(name, "ServerName"));
            assertTrue((Long) mbeans.getAttribute(name, "ToolCalls") >= 2);
            assertTrue((Long) mbeans.getAttribute(name, "ToolErrors") >= 1);
            TabularData byTool = (TabularData) mbeans.getAttribute(name, "CallsByTool");
            assertTrue(byTool.containsKey(new Object[] {"list_authors"}), byTool.toString());
        }
    }
}
