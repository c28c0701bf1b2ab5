package it.io.mcpwriting.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The resilience tests' measured figures: printed, and appended to target/resilience-figures.txt. */
final class Figures {

    private Figures() {
    }

    static void report(String text) {
        System.out.println(text);
        try {
            Path file = Path.of("target", "resilience-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("could not write the figures: " + e);
        }
    }
}
