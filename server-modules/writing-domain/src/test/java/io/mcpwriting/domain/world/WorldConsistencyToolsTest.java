package io.mcpwriting.domain.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mcpwriting.domain.Answers;
import io.mcpwriting.domain.testing.DomainTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * check_world_consistency on a small series against real PostgreSQL: which names the scene text is taken to name
 * (whole words, any case, metacharacters literal, never part of a longer word, separators as written), where each
 * is first named, and characters on the page outside their appearance books. The expected answers are the ones the
 * former per-name scan of the text gave on this fixture.
 */
class WorldConsistencyToolsTest extends DomainTest {

    private static final WorldConsistencyTools WORLD = new WorldConsistencyTools();
    /** What the fixture's rows are called, by "table:id". */
    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, String> TABLES = Map.of("location", "locations", "organization", "organizations",
            "world_element", "world_elements");
    private static int seriesId;

    @BeforeAll
    static void fixture() {
        WORLD.db = DB.db();
        int author = DB.insert("INSERT INTO authors (name) VALUES ('World author') RETURNING id");
        seriesId = DB.insert("INSERT INTO series (title, author_id) VALUES ('World series', ?) RETURNING id", author);
        int other = DB.insert("INSERT INTO series (title, author_id) VALUES ('Other series', ?) RETURNING id", author);
        int[] books = new int[4];
        for (int b = 1; b <= 3; b++) {
            books[b] = DB.insert("INSERT INTO books (series_id, title, book_number) VALUES (?, ?, ?) RETURNING id", seriesId,
                    "Book " + b, b);
            NAMES.put("books:" + books[b], "book " + b);
        }
        int b1c1 = chapter(books[1], 1, "Harbour");
        int b1c2 = chapter(books[1], 2, null);
        int b1c3 = chapter(books[1], 3, null);
        int b2c1 = chapter(books[2], 1, null);
        int b2c2 = chapter(books[2], 2, null);
        int b3c1 = chapter(books[3], 1, null);

        for (String name : List.of("Greyhaven", "Old Town", "Port-au-Roi", "St. Mary's Abbey", "Ash", "Star*Gate",
                "(The Veil)", "Io", "Harbour", "Lamp Street", "Cutwater", "Greyhaven Docks")) {
            element("locations", "location_type", name, seriesId);
        }
        element("locations", "location_type", "Elsewhere", other);
        for (String name : List.of("Order of the Lamp", "100% Pure", "Lot_49", "C++", "The [Iron] Keep")) {
            element("organizations", "organization_type", name, seriesId);
        }
        for (String name : List.of("Zoë's Well", "Tide and Tide", "Ember", "Ember-song", "Old Town Hall", "A.B.C.",
                "Mill Race", "Quay.9", "Lamp", "under_score")) {
            element("world_elements", "element_type", name, seriesId);
        }

        scene(b1c1, 1, "drafted", null, """
                They walked past Old  Town and the Port au Roi road, beyond St Marys Abbey, through Ashgrove and the ashes
                of (the veil) to Io. The lamp was lit; an order of monks came. C++ and A.B.C. were written on the wall.
                An ember-song rose. "Tide and the tide," she said. Lot 49 was sold. Quay 9 stood empty, and Greyhaven
                docks rotted. The StarrrGate was shut.""");
        scene(b1c1, 2, "cut", null, "Mill Race and Cutwater were in a scene that was cut. Mara was there.");
        scene(b1c2, 1, "drafted", "Lamp Street", """
                GREYHAVEN rose over lamp street. Old
                Town slept. The Star*Gate opened. At ZOË'S WELL they drank. Under_Score!""");
        scene(b1c3, 1, "drafted", null, """
                Behind the old town's gate stood the Old Town Hall and St. Mary's Abbey; the 100% PURE sign was lit.
                Lot_490 was another lot. Quay.9 was east.""");
        int cutScene = scene(b1c3, 2, "cut", null, "Kit stood here.");
        scene(b2c1, 1, null, null, "The Order of the Lamp met at port-au-roi, then walked to greyhaven.");
        scene(b2c2, 1, "drafted", null, "Ash, smoke and Lot_49; the [iron] keep held. lamp-lighters.");
        scene(b3c1, 1, "drafted", null, "Tide and Tide returned to the Mill Race.");

        usage("location", "Greyhaven", books[2], b2c1);
        usage("world_element", "Ember", books[1], b1c1);
        usage("organization", "Order of the Lamp", books[3], null);
        usage("location", "Port-au-Roi", books[1], b1c3);

        int mara = character("Mara", books[2], null);
        int jon = character("Jon", books[1], books[2]);
        int kit = character("Kit", books[2], null);
        character("Nell", null, null);
        DB.insert("INSERT INTO character_chapter_presence (character_id, chapter_id, presence_type) VALUES (?, ?, 'present') "
                + "RETURNING id", mara, b1c2);
        DB.insert("INSERT INTO character_chapter_presence (character_id, chapter_id, presence_type) VALUES (?, ?, 'mentioned') "
                + "RETURNING id", kit, b1c1);
        DB.insert("UPDATE chapter_scenes SET pov_character_id = ? WHERE chapter_id = ? RETURNING id", jon, b3c1);
        DB.insert("UPDATE chapter_scenes SET scene_participants = ARRAY[?::int] WHERE id = ? RETURNING id", kit, cutScene);
        DB.insert("UPDATE chapter_scenes SET scene_participants = ARRAY[?::int, ?::int] WHERE chapter_id = ? RETURNING id",
                mara, jon, b2c2);
        DB.insert("UPDATE chapters SET pov_character_id = ? WHERE id = ? RETURNING id", kit, b1c3);
    }

    private static int chapter(int book, int number, String primaryLocation) {
        int id = DB.insert("INSERT INTO chapters (book_id, chapter_number, primary_location) VALUES (?, ?, ?) RETURNING id",
                book, number, primaryLocation);
        NAMES.put("chapters:" + id, NAMES.get("books:" + book) + " chapter " + number);
        return id;
    }

    private static void element(String table, String typeColumn, String name, int series) {
        int id = DB.insert("INSERT INTO " + table + " (series_id, name, " + typeColumn + ") VALUES (?, ?, 'x') RETURNING id",
                series, name);
        NAMES.put(table + ":" + id, name);
    }

    private static int scene(int chapter, int number, String status, String location, String content) {
        return DB.insert("INSERT INTO chapter_scenes (chapter_id, scene_number, writing_status, location, scene_content) "
                + "VALUES (?, ?, ?, ?, ?) RETURNING id", chapter, number, status, location, content);
    }

    private static void usage(String kind, String name, int book, Integer chapter) {
        String table = TABLES.get(kind);
        int element = NAMES.entrySet().stream()
                .filter(e -> e.getKey().startsWith(table + ":") && e.getValue().equals(name))
                .mapToInt(e -> Integer.parseInt(e.getKey().substring(table.length() + 1))).findFirst().orElseThrow();
        int id = DB.insert("INSERT INTO world_element_usage (element_type, element_id, book_id, chapter_id) VALUES (?, ?, ?, ?) "
                + "RETURNING id", kind, element, book, chapter);
        NAMES.put("world_element_usage:" + id, "usage of " + name);
    }

    private static int character(String name, Integer firstBook, Integer lastBook) {
        int id = DB.insert("INSERT INTO characters (series_id, name, first_appearance_book_id, last_appearance_book_id) "
                + "VALUES (?, ?, ?, ?) RETURNING id", seriesId, name, firstBook, lastBook);
        NAMES.put("characters:" + id, name);
        return id;
    }

    /**
     * The answer as lines: each check with what it compared, then each finding with its references named. Findings
     * of the same severity, book and chapter are listed by message: the tool orders them no further.
     */
    @SuppressWarnings("unchecked")
    private static String lines(String checkType, String threshold) {
        Map<String, Object> answer = Answers.read(WORLD.checkWorldConsistency(seriesId, checkType, threshold).json());
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> check : (List<Map<String, Object>>) answer.get("checks")) {
            out.append(check.get("check")).append(": compared ").append(check.get("compared")).append(", findings ")
                    .append(check.get("finding_count")).append('\n');
        }
        List<String> group = new ArrayList<>();
        String groupKey = null;
        for (Map<String, Object> f : (List<Map<String, Object>>) answer.get("findings")) {
            String key = f.get("severity") + " " + f.get("check") + " b" + f.get("book_number") + " c"
                    + f.get("chapter_number");
            if (!key.equals(groupKey)) {
                group.stream().sorted().forEach(line -> out.append(line).append('\n'));
                group.clear();
                groupKey = key;
            }
            group.add(key + ": " + f.get("message") + " " + references(f));
        }
        group.stream().sorted().forEach(line -> out.append(line).append('\n'));
        return out.append("summary ").append(answer.get("summary")).append(", consistent ")
                .append(answer.get("consistent")).toString();
    }

    private static String references(Map<String, Object> finding) {
        String table = TABLES.getOrDefault(String.valueOf(finding.get("kind")), "?");
        Map<String, String> refs = new TreeMap<>();
        finding.forEach((key, value) -> {
            switch (key) {
                case "element_id" -> refs.put(key, NAMES.get(table + ":" + value));
                case "chapter_id" -> refs.put(key, NAMES.get("chapters:" + value));
                case "character_id" -> refs.put(key, NAMES.get("characters:" + value));
                case "usage_id" -> refs.put(key, NAMES.get("world_element_usage:" + value));
                case "book_id" -> refs.put(key, NAMES.get("books:" + value));
                case "severity", "check", "message", "book_number", "chapter_number" -> {
                }
                default -> refs.put(key, String.valueOf(value));
            }
        });
        return refs.toString();
    }

    @Test
    void firstAppearanceNamesWholeWordsInAnyCaseWithMetacharactersLiteralAndSeparatorsAsWritten() {
        assertEquals("""
            first_appearance: compared 24, findings 22
            error first_appearance b1 c2: Character "Mara" is on the page in book 1, chapter 2, but first appears in book 2 {character_id=Mara}
            error first_appearance b1 c3: Character "Kit" is on the page in book 1, chapter 3, but first appears in book 2 {character_id=Kit}
            warning first_appearance b1 c1: Location "Greyhaven" appears in book 1, chapter 1 (scene text), before its first tracked usage in book 2, chapter 1 {chapter_id=book 1 chapter 1, element_id=Greyhaven, kind=location}
            warning first_appearance b2 c1: Organization "Order of the Lamp" appears in book 2, chapter 1 (scene text), before its first tracked usage in book 3 {chapter_id=book 2 chapter 1, element_id=Order of the Lamp, kind=organization}
            warning first_appearance b3 c1: Character "Jon" is on the page in book 3, chapter 1, after their last appearance in book 2 {character_id=Jon}
            info first_appearance b1 c1: Location "Harbour" appears in book 1, chapter 1 (chapter location), but no usage of it is tracked {chapter_id=book 1 chapter 1, element_id=Harbour, kind=location}
            info first_appearance b1 c1: World Element "Ember-song" appears in book 1, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 1, element_id=Ember-song, kind=world_element}
            info first_appearance b1 c1: World Element "Lamp" appears in book 1, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 1, element_id=Lamp, kind=world_element}
            info first_appearance b1 c2: Location "Lamp Street" appears in book 1, chapter 2 (scene location), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=Lamp Street, kind=location}
            info first_appearance b1 c2: Location "Star*Gate" appears in book 1, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=Star*Gate, kind=location}
            info first_appearance b1 c2: World Element "Zoë's Well" appears in book 1, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=Zoë's Well, kind=world_element}
            info first_appearance b1 c2: World Element "under_score" appears in book 1, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=under_score, kind=world_element}
            info first_appearance b1 c3: Location "Old Town" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=Old Town, kind=location}
            info first_appearance b1 c3: Location "St. Mary's Abbey" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=St. Mary's Abbey, kind=location}
            info first_appearance b1 c3: Organization "100% Pure" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=100% Pure, kind=organization}
            info first_appearance b1 c3: World Element "Old Town Hall" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=Old Town Hall, kind=world_element}
            info first_appearance b1 c3: World Element "Quay.9" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=Quay.9, kind=world_element}
            info first_appearance b2 c2: Location "Ash" appears in book 2, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 2 chapter 2, element_id=Ash, kind=location}
            info first_appearance b2 c2: Organization "Lot_49" appears in book 2, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 2 chapter 2, element_id=Lot_49, kind=organization}
            info first_appearance b2 c2: Organization "The [Iron] Keep" appears in book 2, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 2 chapter 2, element_id=The [Iron] Keep, kind=organization}
            info first_appearance b3 c1: World Element "Mill Race" appears in book 3, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 3 chapter 1, element_id=Mill Race, kind=world_element}
            info first_appearance b3 c1: World Element "Tide and Tide" appears in book 3, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 3 chapter 1, element_id=Tide and Tide, kind=world_element}
            summary {notes=17, errors=2, reported=22, warnings=3, below_threshold=0}, consistent false""", lines("first_appearance", null));
    }

    @Test
    void allChecksInTheirOrder() {
        assertEquals("""
            usage: compared 31, findings 23
            first_appearance: compared 24, findings 22
            references: compared 27, findings 0
            duplicates: compared 27, findings 0
            error first_appearance b1 c2: Character "Mara" is on the page in book 1, chapter 2, but first appears in book 2 {character_id=Mara}
            error first_appearance b1 c3: Character "Kit" is on the page in book 1, chapter 3, but first appears in book 2 {character_id=Kit}
            warning first_appearance b1 c1: Location "Greyhaven" appears in book 1, chapter 1 (scene text), before its first tracked usage in book 2, chapter 1 {chapter_id=book 1 chapter 1, element_id=Greyhaven, kind=location}
            warning first_appearance b2 c1: Organization "Order of the Lamp" appears in book 2, chapter 1 (scene text), before its first tracked usage in book 3 {chapter_id=book 2 chapter 1, element_id=Order of the Lamp, kind=organization}
            warning first_appearance b3 c1: Character "Jon" is on the page in book 3, chapter 1, after their last appearance in book 2 {character_id=Jon}
            info usage bnull cnull: Location "(The Veil)" is defined but no usage in any book is tracked {element_id=(The Veil), kind=location}
            info usage bnull cnull: Location "Ash" is defined but no usage in any book is tracked {element_id=Ash, kind=location}
            info usage bnull cnull: Location "Cutwater" is defined but no usage in any book is tracked {element_id=Cutwater, kind=location}
            info usage bnull cnull: Location "Greyhaven Docks" is defined but no usage in any book is tracked {element_id=Greyhaven Docks, kind=location}
            info usage bnull cnull: Location "Harbour" is defined but no usage in any book is tracked {element_id=Harbour, kind=location}
            info usage bnull cnull: Location "Io" is defined but no usage in any book is tracked {element_id=Io, kind=location}
            info usage bnull cnull: Location "Lamp Street" is defined but no usage in any book is tracked {element_id=Lamp Street, kind=location}
            info usage bnull cnull: Location "Old Town" is defined but no usage in any book is tracked {element_id=Old Town, kind=location}
            info usage bnull cnull: Location "St. Mary's Abbey" is defined but no usage in any book is tracked {element_id=St. Mary's Abbey, kind=location}
            info usage bnull cnull: Location "Star*Gate" is defined but no usage in any book is tracked {element_id=Star*Gate, kind=location}
            info usage bnull cnull: Organization "100% Pure" is defined but no usage in any book is tracked {element_id=100% Pure, kind=organization}
            info usage bnull cnull: Organization "C++" is defined but no usage in any book is tracked {element_id=C++, kind=organization}
            info usage bnull cnull: Organization "Lot_49" is defined but no usage in any book is tracked {element_id=Lot_49, kind=organization}
            info usage bnull cnull: Organization "The [Iron] Keep" is defined but no usage in any book is tracked {element_id=The [Iron] Keep, kind=organization}
            info usage bnull cnull: World Element "A.B.C." is defined but no usage in any book is tracked {element_id=A.B.C., kind=world_element}
            info usage bnull cnull: World Element "Ember-song" is defined but no usage in any book is tracked {element_id=Ember-song, kind=world_element}
            info usage bnull cnull: World Element "Lamp" is defined but no usage in any book is tracked {element_id=Lamp, kind=world_element}
            info usage bnull cnull: World Element "Mill Race" is defined but no usage in any book is tracked {element_id=Mill Race, kind=world_element}
            info usage bnull cnull: World Element "Old Town Hall" is defined but no usage in any book is tracked {element_id=Old Town Hall, kind=world_element}
            info usage bnull cnull: World Element "Quay.9" is defined but no usage in any book is tracked {element_id=Quay.9, kind=world_element}
            info usage bnull cnull: World Element "Tide and Tide" is defined but no usage in any book is tracked {element_id=Tide and Tide, kind=world_element}
            info usage bnull cnull: World Element "Zoë's Well" is defined but no usage in any book is tracked {element_id=Zoë's Well, kind=world_element}
            info usage bnull cnull: World Element "under_score" is defined but no usage in any book is tracked {element_id=under_score, kind=world_element}
            info first_appearance b1 c1: Location "Harbour" appears in book 1, chapter 1 (chapter location), but no usage of it is tracked {chapter_id=book 1 chapter 1, element_id=Harbour, kind=location}
            info first_appearance b1 c1: World Element "Ember-song" appears in book 1, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 1, element_id=Ember-song, kind=world_element}
            info first_appearance b1 c1: World Element "Lamp" appears in book 1, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 1, element_id=Lamp, kind=world_element}
            info first_appearance b1 c2: Location "Lamp Street" appears in book 1, chapter 2 (scene location), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=Lamp Street, kind=location}
            info first_appearance b1 c2: Location "Star*Gate" appears in book 1, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=Star*Gate, kind=location}
            info first_appearance b1 c2: World Element "Zoë's Well" appears in book 1, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=Zoë's Well, kind=world_element}
            info first_appearance b1 c2: World Element "under_score" appears in book 1, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 2, element_id=under_score, kind=world_element}
            info first_appearance b1 c3: Location "Old Town" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=Old Town, kind=location}
            info first_appearance b1 c3: Location "St. Mary's Abbey" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=St. Mary's Abbey, kind=location}
            info first_appearance b1 c3: Organization "100% Pure" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=100% Pure, kind=organization}
            info first_appearance b1 c3: World Element "Old Town Hall" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=Old Town Hall, kind=world_element}
            info first_appearance b1 c3: World Element "Quay.9" appears in book 1, chapter 3 (scene text), but no usage of it is tracked {chapter_id=book 1 chapter 3, element_id=Quay.9, kind=world_element}
            info first_appearance b2 c2: Location "Ash" appears in book 2, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 2 chapter 2, element_id=Ash, kind=location}
            info first_appearance b2 c2: Organization "Lot_49" appears in book 2, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 2 chapter 2, element_id=Lot_49, kind=organization}
            info first_appearance b2 c2: Organization "The [Iron] Keep" appears in book 2, chapter 2 (scene text), but no usage of it is tracked {chapter_id=book 2 chapter 2, element_id=The [Iron] Keep, kind=organization}
            info first_appearance b3 c1: World Element "Mill Race" appears in book 3, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 3 chapter 1, element_id=Mill Race, kind=world_element}
            info first_appearance b3 c1: World Element "Tide and Tide" appears in book 3, chapter 1 (scene text), but no usage of it is tracked {chapter_id=book 3 chapter 1, element_id=Tide and Tide, kind=world_element}
            summary {notes=40, errors=2, reported=45, warnings=3, below_threshold=0}, consistent false""", lines(null, null));
    }
}
