package it.io.mcpwriting.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Liberty's local JMX connector of a running server, as jconsole attaches to it. */
public final class Jmx {

    private Jmx() {
    }

    public static JMXConnector connect(String server) throws IOException {
        Path address = Path.of(System.getProperty("liberty.runtime.dir"),
                "wlp/usr/servers/" + server + "/logs/state/com.ibm.ws.jmx.local.address");
        return JMXConnectorFactory.connect(new JMXServiceURL(Files.readString(address).strip()));
    }
}
