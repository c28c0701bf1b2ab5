package it.io.mcpwriting.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The libraries of backups (BouncyCastle) and table transfer (commons-csv) are in database-admin's WAR only: Liberty
 * keeps every library's entries on each server's heap, about 6 MB per server for these (docs/PERFORMANCE.md).
 */
class WarLibrariesIT {

    private static final List<String> ADMIN_ONLY = List.of("bcprov-", "bcpg-", "bcutil-", "commons-csv-");

    @Test
    void onlyDatabaseAdminCarriesTheBackupAndTransferLibraries() throws IOException {
        Path servers = Path.of(System.getProperty("liberty.runtime.dir"), "wlp/usr/servers");
        Set<String> carrying = new TreeSet<>();
        int wars = 0;
        try (Stream<Path> apps = Files.list(servers)) {
            for (Path war : apps.map(s -> s.resolve("apps").resolve(s.getFileName() + ".war"))
                    .filter(Files::isRegularFile).toList()) {
                wars++;
                for (String library : libraries(war)) {
                    if (ADMIN_ONLY.stream().anyMatch(library::startsWith)) {
                        carrying.add(war.getFileName() + ": " + library);
                    }
                }
            }
        }
        assertTrue(wars >= 10, "expected the ten servers' WARs under " + servers + ", found " + wars);
        Set<String> admin = new TreeSet<>(carrying);
        admin.removeIf(entry -> !entry.startsWith("database-admin.war: "));
        assertEquals(admin, carrying, "only database-admin's tools use these libraries");
        for (String prefix : ADMIN_ONLY) {
            assertTrue(admin.stream().anyMatch(entry -> entry.startsWith("database-admin.war: " + prefix)),
                    "database-admin's backups and transfers need " + prefix + "*.jar; it carries " + admin);
        }
    }

    private static List<String> libraries(Path war) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.stream().map(e -> e.getName()).filter(n -> n.startsWith("WEB-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("WEB-INF/lib/".length())).toList();
        }
    }
}
