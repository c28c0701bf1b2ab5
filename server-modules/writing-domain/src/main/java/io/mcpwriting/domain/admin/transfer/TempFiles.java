package io.mcpwriting.domain.admin.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small file helpers of the transfer tools. */
final class TempFiles {

    private TempFiles() {
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover partial file; harmless, named with a leading dot
        }
    }
}
