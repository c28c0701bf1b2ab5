import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Drains, resumes or reports the MCP applications of one running Liberty server through its local JMX
 * connector (the MBeans io.mcpwriting:type=McpServerControl; one per application, ten in the EAR layout).
 * Run as a source file, no build needed:
 *   java McpControl.java <liberty server directory> drain|resume|status
 * Exit status: 0 done, 1 failed (not running, no MCP application, JMX error), 2 usage.
 */
public final class McpControl {

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !Set.of("drain", "resume", "status").contains(args[1])) {
            System.err.println("usage: java McpControl.java <liberty server directory> drain|resume|status");
            System.exit(2);
        }
        Path address = Path.of(args[0], "logs/state/com.ibm.ws.jmx.local.address");
        if (!Files.isReadable(address)) {
            System.err.println("no local JMX address at " + address + " (server not running, or localConnector-1.0 off)");
            System.exit(1);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(address).strip()))) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            Set<ObjectName> controls = mbeans.queryNames(new ObjectName("io.mcpwriting:type=McpServerControl,*"), null);
            if (controls.isEmpty()) {
                System.err.println("no MCP application answers in " + args[0]);
                System.exit(1);
            }
            // drain the applications side by side: each waits for its own calls in progress
            controls.parallelStream().forEach(control -> System.out.println(run(mbeans, control, args[1])));
        }
    }

    private static String run(MBeanServerConnection mbeans, ObjectName control, String operation) {
        String server = ObjectName.unquote(control.getKeyProperty("name"));
        try {
            return switch (operation) {
                case "drain" -> (String) mbeans.invoke(control, "drain", new Object[0], new String[0]);
                case "resume" -> {
                    mbeans.invoke(control, "resume", new Object[0], new String[0]);
                    yield server + " resumed";
                }
                default -> server + ": " + ((Boolean) mbeans.getAttribute(control, "Draining") ? "draining" : "serving")
                        + ", " + mbeans.getAttribute(control, "CallsInProgress") + " call(s) in progress";
            };
        } catch (Exception e) {
            throw new IllegalStateException(operation + " on " + server + " failed: " + e, e);
        }
    }
}
