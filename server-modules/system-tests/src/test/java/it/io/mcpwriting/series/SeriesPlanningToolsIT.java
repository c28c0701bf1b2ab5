package it.io.mcpwriting.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import it.io.mcpwriting.support.McpSession;
import it.io.mcpwriting.support.Outcome;
import it.io.mcpwriting.support.Pages;
import it.io.mcpwriting.support.TestDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The series-planning server's twelve tools, happy and error paths, through a real MCP client. */
class SeriesPlanningToolsIT {

    private static final int MISSING = 987654321;

    private static McpSession series;

    @BeforeAll
    static void connect() {
        series = McpSession.open("series-planning");
    }

    @AfterAll
    static void disconnect() {
        series.close();
    }

    private static long genre(String name) {
        return ((Number) TestDb.value("SELECT id FROM genres WHERE genre_name = ?", name)).longValue();
    }

    private static long id(Map<String, Object> row) {
        return ((Number) row.get("id")).longValue();
    }

    private static List<Long> ids(Outcome outcome, String key) {
        return outcome.list(key).stream().map(SeriesPlanningToolsIT::id).toList();
    }

    private static List<String> genreNames(Object genres) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) genres;
        return list.stream().map(g -> (String) g.get("genre_name")).toList();
    }

    private static long newLocation(long seriesId, String name, String type, Object... more) {
        List<Object> args = new ArrayList<>(List.of("series_id", seriesId, "name", name, "location_type", type));
        args.addAll(List.of(more));
        return series.call("create_location", args.toArray()).ok().id();
    }

    private static long newOrganization(long seriesId, String name, String type, Object... more) {
        List<Object> args = new ArrayList<>(List.of("series_id", seriesId, "name", name, "organization_type", type,
                "description", "About " + name));
        args.addAll(List.of(more));
        return series.call("create_organization", args.toArray()).ok().id();
    }

    private static long newSystem(long seriesId, String name) {
        return series.call("define_world_system", "series_id", seriesId, "system_name", name, "system_type", "magic",
                "power_source", "the sea", "access_method", "song").ok().id();
    }

    // --- list_series ---

    @Test
    void listSeriesGivesEverySeriesWithAuthorGenresAndBookTotals() {
        long author = TestDb.newAuthor();
        String title = TestDb.unique("Listed");
        long id = series.call("create_series", "title", title, "author_id", author, "genre_ids",
                List.of(genre("mystery"))).ok().id();
        TestDb.value("INSERT INTO books (series_id, title, book_number, actual_word_count) VALUES (?, 'One', 1, 1000), "
                + "(?, 'Two', 2, 2500) RETURNING id", id, id);
        List<Map<String, Object>> all = Pages.all(series, "list_series", "series", 50);
        assertEquals(TestDb.count("SELECT count(*) FROM series"), all.size());
        Map<String, Object> row = all.stream().filter(s -> id(s) == id).findFirst().orElseThrow();
        assertEquals(title, row.get("title"));
        assertEquals(2, ((Number) row.get("book_count")).intValue());
        assertEquals(3500, ((Number) row.get("total_word_count")).intValue());
        assertEquals(List.of("mystery"), genreNames(row.get("genres")));
        assertEquals(TestDb.value("SELECT name FROM authors WHERE id = ?", author), row.get("author_name"));
    }

    @Test
    void listSeriesTakesOnlyPagingArguments() {
        assertEquals("validation", series.call("list_series", "author_id", 1).error("author_id").errorType());
    }

    // --- create_series ---

    @Test
    void createSeriesStoresGenresAndDefaultsToOngoing() {
        long author = TestDb.newAuthor();
        Outcome created = series.call("create_series", "title", "  The Expanse  ", "author_id", author, "description",
                "Space opera", "start_year", 2011, "genre_ids", List.of(genre("science_fiction"), genre("thriller"))).ok();
        assertEquals("The Expanse", created.get("title"));
        assertEquals("ongoing", created.get("status"));
        assertEquals(2011, created.number("start_year"));
        assertEquals(List.of("science_fiction", "thriller"), genreNames(created.get("genres")));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM series_genres WHERE series_id = ?", created.id()));
        Outcome hiatus = series.call("create_series", "title", "Paused", "author_id", author, "status", "hiatus").ok();
        assertEquals("hiatus", hiatus.get("status"));
    }

    @Test
    void createSeriesRejectsMissingAuthorDuplicatesAndBadValuesWithoutWriting() {
        long author = TestDb.newAuthor();
        series.call("create_series", "title", "Orphan", "author_id", MISSING).error("author " + MISSING + " does not exist");
        long first = series.call("create_series", "title", "Dune", "author_id", author).ok().id();
        Outcome again = series.call("create_series", "title", "DUNE", "author_id", author).error("series " + first);
        assertEquals("conflict", again.errorType());
        series.call("create_series", "title", "Bad status", "author_id", author, "status", "abandoned").error("status");
        series.call("create_series", "title", "Bad genre", "author_id", author, "genre_ids", List.of(MISSING))
                .error(String.valueOf(MISSING));
        series.call("create_series", "title", "   ", "author_id", author).error("title", "blank");
        series.call("create_series", "title", "Year zero", "author_id", author, "start_year", 0).error("start_year");
        series.call("create_series", "author_id", author).error("title");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM series WHERE author_id = ?", author));
    }

    // --- get_series ---

    @Test
    void getSeriesShowsGenresBooksAndPlanningCounts() {
        long id = series.call("create_series", "title", TestDb.unique("Full"), "author_id", TestDb.newAuthor(),
                "genre_ids", List.of(genre("fantasy"))).ok().id();
        TestDb.value("INSERT INTO books (series_id, title, book_number, status, actual_word_count, target_word_count) "
                + "VALUES (?, 'Second', 2, 'draft', 40000, 90000), (?, 'First', 1, 'published', 95000, 90000) "
                + "RETURNING id", id, id);
        TestDb.newCharacter(id, "Ged");
        long city = newLocation(id, "Havnor", "city");
        newLocation(id, "Great Port", "harbour", "parent_location_id", city);
        newOrganization(id, "School of Roke", "school");
        long system = newSystem(id, "True names");
        series.call("create_world_element", "series_id", id, "name", "Summoning", "element_type", "spell",
                "description", "Calling by name", "system_id", system).ok();

        Outcome got = series.call("get_series", "series_id", id).ok();
        List<Map<String, Object>> books = got.list("books");
        assertEquals(List.of("First", "Second"), books.stream().map(b -> b.get("title")).toList());
        assertEquals(List.of("published", "draft"), books.stream().map(b -> b.get("status")).toList());
        assertEquals(1, ((Number) books.get(0).get("book_number")).intValue());
        assertEquals(List.of("fantasy"), genreNames(got.get("genres")));
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) got.get("counts");
        assertEquals(2, ((Number) counts.get("books")).intValue());
        assertEquals(1, ((Number) counts.get("characters")).intValue());
        assertEquals(2, ((Number) counts.get("locations")).intValue());
        assertEquals(1, ((Number) counts.get("organizations")).intValue());
        assertEquals(1, ((Number) counts.get("world_elements")).intValue());
        assertEquals(1, ((Number) counts.get("world_systems")).intValue());
        assertEquals(0, ((Number) counts.get("plot_threads")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> words = (Map<String, Object>) got.get("word_counts");
        assertEquals(135000, ((Number) words.get("actual")).intValue());
        assertEquals(180000, ((Number) words.get("target")).intValue());
    }

    @Test
    void getSeriesOfAMissingIdSaysItDoesNotExist() {
        assertEquals("not_found", series.call("get_series", "series_id", MISSING)
                .error("series " + MISSING + " does not exist").errorType());
        series.call("get_series").error("series_id");
    }

    // --- update_series ---

    @Test
    void updateSeriesChangesOnlyGivenFieldsAndReplacesGenres() {
        long id = series.call("create_series", "title", TestDb.unique("Before"), "author_id", TestDb.newAuthor(),
                "description", "kept", "start_year", 2001, "genre_ids", List.of(genre("fantasy"), genre("romance"))).ok().id();
        Outcome updated = series.call("update_series", "series_id", id, "status", "completed", "genre_ids",
                List.of(genre("romance"), genre("mystery"))).ok();
        assertEquals("completed", updated.get("status"));
        assertEquals("kept", updated.get("description"));
        assertEquals(2001, updated.number("start_year"));
        assertEquals(List.of("mystery", "romance"), genreNames(updated.get("genres")));
        Outcome cleared = series.call("update_series", "series_id", id, "genre_ids", List.of()).ok();
        assertEquals(List.of(), cleared.get("genres"));
        assertEquals("completed", TestDb.value("SELECT status FROM series WHERE id = ?", id));
    }

    @Test
    void updateSeriesFailsForMissingSeriesTakenTitleOrNothingToChange() {
        series.call("update_series", "series_id", MISSING, "title", "x").error("series " + MISSING + " does not exist");
        long author = TestDb.newAuthor();
        long first = series.call("create_series", "title", "Alpha", "author_id", author).ok().id();
        long second = series.call("create_series", "title", "Beta", "author_id", author).ok().id();
        Outcome taken = series.call("update_series", "series_id", second, "title", "alpha").error("series " + first);
        assertEquals("conflict", taken.errorType());
        series.call("update_series", "series_id", second).error("nothing to change");
        series.call("update_series", "series_id", second, "author_id", author).error("author_id");
        series.call("update_series", "series_id", second, "genre_ids", List.of(MISSING)).error(String.valueOf(MISSING));
        assertEquals("Beta", TestDb.value("SELECT title FROM series WHERE id = ?", second));
    }

    // --- assign_series_genres ---

    @Test
    void assignSeriesGenresAddsGenresIdempotently() {
        long id = TestDb.newSeries();
        Outcome once = series.call("assign_series_genres", "series_id", id, "genre_ids", List.of(genre("fantasy"))).ok();
        assertEquals(1, once.number("added_count"));
        Outcome twice = series.call("assign_series_genres", "series_id", id, "genre_ids",
                List.of(genre("fantasy"), genre("young_adult"), genre("young_adult"))).ok();
        assertEquals(1, twice.number("added_count"));
        assertEquals(List.of("fantasy", "young_adult"), genreNames(twice.get("genres")));
        assertEquals(2L, TestDb.count("SELECT count(*) FROM series_genres WHERE series_id = ?", id));
    }

    @Test
    void assignSeriesGenresWithUnknownGenreOrSeriesChangesNothing() {
        long id = TestDb.newSeries();
        Outcome unknown = series.call("assign_series_genres", "series_id", id, "genre_ids",
                List.of(genre("fantasy"), 987654)).error("987654");
        assertEquals("not_found", unknown.errorType());
        assertEquals(0L, TestDb.count("SELECT count(*) FROM series_genres WHERE series_id = ?", id));
        series.call("assign_series_genres", "series_id", MISSING, "genre_ids", List.of(genre("fantasy")))
                .error("series " + MISSING + " does not exist");
        series.call("assign_series_genres", "series_id", id, "genre_ids", List.of()).error("genre_ids");
        series.call("assign_series_genres", "series_id", id, "genre_ids", List.of("fantasy")).error("genre_ids");
    }

    // --- create_location ---

    @Test
    void createLocationNestsPlacesAndStoresFeatures() {
        long id = TestDb.newSeries();
        long city = newLocation(id, "Ankh-Morpork", "city", "climate", "temperate", "atmosphere", "Smells");
        Outcome inn = series.call("create_location", "series_id", id, "name", "The Mended Drum", "location_type",
                "tavern", "parent_location_id", city, "notable_features", List.of("troll bouncer", "sticky floor")).ok();
        assertEquals(city, inn.number("parent_location_id"));
        assertEquals("Ankh-Morpork", inn.get("parent_location_name"));
        assertEquals(List.of("troll bouncer", "sticky floor"), inn.get("notable_features"));
        assertEquals("troll bouncer", TestDb.value("SELECT notable_features[1] FROM locations WHERE id = ?", inn.id()));
        // the same name under another parent is a different place
        newLocation(id, "The Mended Drum", "tavern");
    }

    @Test
    void createLocationRejectsForeignParentDuplicatesAndMissingSeries() {
        long id = TestDb.newSeries();
        long elsewhere = newLocation(TestDb.newSeries(), "Elsewhere", "city");
        series.call("create_location", "series_id", id, "name", "Inn", "location_type", "tavern",
                "parent_location_id", elsewhere).error("parent_location_id", "not series " + id);
        series.call("create_location", "series_id", id, "name", "Inn", "location_type", "tavern",
                "parent_location_id", MISSING).error("location " + MISSING + " does not exist");
        long first = newLocation(id, "Lankhmar", "city");
        assertEquals("conflict", series.call("create_location", "series_id", id, "name", "LANKHMAR", "location_type",
                "city").error("location " + first).errorType());
        series.call("create_location", "series_id", MISSING, "name", "X", "location_type", "city")
                .error("series " + MISSING + " does not exist");
        series.call("create_location", "series_id", id, "name", "No type").error("location_type");
        series.call("create_location", "series_id", id, "name", "Odd", "location_type", "city", "notable_features",
                List.of("ok", " ")).error("notable_features");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM locations WHERE series_id = ?", id));
    }

    // --- get_locations ---

    @Test
    void getLocationsFiltersByTypeParentAndLiteralSearchTerm() {
        long id = TestDb.newSeries();
        long city = newLocation(id, "Minas Tirith", "city", "description", "White city of 100% stone");
        long gate = newLocation(id, "Great Gate", "gate", "parent_location_id", city);
        long citadel = newLocation(id, "Citadel", "fortress", "parent_location_id", city, "notable_features",
                List.of("White Tree"));
        long other = newLocation(id, "Osgiliath", "City", "description", "Ruined city_of_stars, 1000 years old");
        newLocation(TestDb.newSeries(), "Minas Tirith", "city");

        Outcome all = series.call("get_locations", "series_id", id).ok();
        assertEquals(4, all.number("count"));
        assertEquals(List.of(citadel, gate, city, other), ids(all, "locations"));
        assertEquals(List.of(city, other), ids(series.call("get_locations", "series_id", id, "location_type", "CITY").ok(),
                "locations"));
        Outcome children = series.call("get_locations", "parent_location_id", city).ok();
        assertEquals(List.of(citadel, gate), ids(children, "locations"));
        assertEquals(List.of(citadel), ids(series.call("get_locations", "series_id", id, "search_term", "white tree")
                .ok(), "locations"));
        // % and _ are matched literally, not as wildcards
        assertEquals(List.of(city), ids(series.call("get_locations", "series_id", id, "search_term", "100%").ok(),
                "locations"));
        assertEquals(List.of(other), ids(series.call("get_locations", "series_id", id, "search_term", "y_o").ok(),
                "locations"));
        assertEquals(List.of(city), ids(series.call("get_locations", "series_id", id, "search_term", "%").ok(),
                "locations"));
        Map<String, Object> parent = all.list("locations").stream().filter(l -> id(l) == city).findFirst().orElseThrow();
        assertEquals(2, ((Number) parent.get("child_location_count")).intValue());
    }

    @Test
    void getLocationsOfAMissingSeriesOrParentOrBlankSearchFails() {
        series.call("get_locations", "series_id", MISSING).error("series " + MISSING + " does not exist");
        series.call("get_locations", "parent_location_id", MISSING).error("location " + MISSING + " does not exist");
        series.call("get_locations", "search_term", "  ").error("search_term");
    }

    // --- create_organization ---

    @Test
    void createOrganizationLinksHeadquartersAndParent() {
        long id = TestDb.newSeries();
        long hall = newLocation(id, "Unseen University", "university");
        long guild = newOrganization(id, "Guild of Wizards", "guild", "influence_level", 8);
        Outcome faculty = series.call("create_organization", "series_id", id, "name", "Faculty of Magic",
                "organization_type", "faculty", "description", "Teaches", "influence_level", 6,
                "headquarters_location_id", hall, "parent_organization_id", guild, "member_count", 40).ok();
        assertEquals("active", faculty.get("status"));
        assertEquals("Unseen University", faculty.get("headquarters_location_name"));
        assertEquals("Guild of Wizards", faculty.get("parent_organization_name"));
        assertEquals(40, faculty.number("member_count"));
        assertEquals(hall, TestDb.count("SELECT headquarters_location_id FROM organizations WHERE id = ?", faculty.id()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> based = (List<Map<String, Object>>) series.call("get_locations", "series_id", id).ok()
                .list("locations").get(0).get("headquartered_organizations");
        assertEquals(List.of("Faculty of Magic"), based.stream().map(o -> o.get("name")).toList());
    }

    @Test
    void createOrganizationRejectsBadInfluenceForeignLinksAndDuplicates() {
        long id = TestDb.newSeries();
        series.call("create_organization", "series_id", id, "name", "Mighty", "organization_type", "empire",
                "description", "d", "influence_level", 11).error("influence_level");
        series.call("create_organization", "series_id", id, "name", "Crowd", "organization_type", "mob",
                "description", "d", "member_count", -5).error("member_count");
        long foreign = newLocation(TestDb.newSeries(), "Far away", "city");
        series.call("create_organization", "series_id", id, "name", "Exiles", "organization_type", "court",
                "description", "d", "headquarters_location_id", foreign).error("headquarters_location_id");
        series.call("create_organization", "series_id", id, "name", "Cell", "organization_type", "cell",
                "description", "d", "parent_organization_id", MISSING).error("organization " + MISSING + " does not exist");
        series.call("create_organization", "series_id", id, "name", "No description", "organization_type", "guild")
                .error("description");
        long watch = newOrganization(id, "City Watch", "police");
        assertEquals("conflict", series.call("create_organization", "series_id", id, "name", "city watch",
                "organization_type", "police", "description", "again").error("organization " + watch).errorType());
        assertEquals(1L, TestDb.count("SELECT count(*) FROM organizations WHERE series_id = ?", id));
    }

    // --- get_organizations ---

    @Test
    void getOrganizationsFiltersByInfluenceTypeStatusAndSearch() {
        long id = TestDb.newSeries();
        long empire = newOrganization(id, "Galactic Empire", "government", "influence_level", 10);
        long rebels = newOrganization(id, "Rebel Alliance", "military", "influence_level", 6, "status", "underground");
        long guild = newOrganization(id, "Bounty Hunters Guild", "guild", "influence_level", 3);
        long unranked = newOrganization(id, "Jedi Order", "religious order", "status", "disbanded");

        Outcome all = series.call("get_organizations", "series_id", id).ok();
        assertEquals(List.of(empire, rebels, guild, unranked), ids(all, "organizations"));
        assertEquals(List.of(rebels, guild), ids(series.call("get_organizations", "series_id", id,
                "influence_level_min", 3, "influence_level_max", 6).ok(), "organizations"));
        assertEquals(List.of(empire), ids(series.call("get_organizations", "series_id", id,
                "influence_level_min", 7).ok(), "organizations"));
        assertEquals(List.of(empire, guild), ids(series.call("get_organizations", "series_id", id,
                "status", "ACTIVE").ok(), "organizations"));
        assertEquals(List.of(guild), ids(series.call("get_organizations", "series_id", id,
                "organization_type", "guild").ok(), "organizations"));
        assertEquals(List.of(rebels), ids(series.call("get_organizations", "series_id", id,
                "search_term", "alliance").ok(), "organizations"));
        assertEquals(List.of(unranked), ids(series.call("get_organizations", "series_id", id,
                "search_term", "about jedi").ok(), "organizations"));
    }

    @Test
    void getOrganizationsRejectsInvertedOrOutOfRangeInfluence() {
        series.call("get_organizations", "influence_level_min", 8, "influence_level_max", 2)
                .error("influence_level_max", "influence_level_min");
        series.call("get_organizations", "influence_level_min", 0).error("influence_level_min");
        series.call("get_organizations", "series_id", MISSING).error("series " + MISSING + " does not exist");
    }

    // --- define_world_system ---

    @Test
    void defineWorldSystemStoresRulesAndPowerScaling() {
        long id = TestDb.newSeries();
        Outcome system = series.call("define_world_system", "series_id", id, "system_name", "Allomancy",
                "system_type", "magic", "power_source", "ingested metals", "access_method", "burning metals",
                "limitations", List.of("needs metal", "one Metal per Misting"), "system_rules",
                List.of("Pushes and pulls obey mass"), "power_scaling", Map.of("lowest_level", "Misting",
                        "highest_level", "Mistborn")).ok();
        assertEquals("magic", system.get("system_type"));
        assertEquals(List.of("needs metal", "one Metal per Misting"), system.get("limitations"));
        assertEquals(Map.of("lowest_level", "Misting", "highest_level", "Mistborn"), system.get("power_scaling"));
        assertEquals(0, system.number("element_count"));
        assertEquals("Mistborn", TestDb.value("SELECT power_scaling->>'highest_level' FROM world_systems WHERE id = ?",
                system.id()));
        Outcome plain = series.call("define_world_system", "series_id", id, "system_name", "Feruchemy",
                "system_type", "alchemy", "power_source", "stored attributes", "access_method", "metalminds").ok();
        assertNull(plain.get("power_scaling"));
    }

    @Test
    void defineWorldSystemRejectsUnknownTypeDuplicatesAndMissingSeries() {
        long id = TestDb.newSeries();
        series.call("define_world_system", "series_id", id, "system_name", "Chi", "system_type", "martial",
                "power_source", "breath", "access_method", "training").error("system_type");
        series.call("define_world_system", "series_id", id, "system_name", "Chi", "system_type", "supernatural",
                "power_source", "breath").error("access_method");
        series.call("define_world_system", "series_id", id, "system_name", "Chi", "system_type", "supernatural",
                "power_source", "breath", "access_method", "training", "power_scaling", Map.of("peak", "x"))
                .error("peak");
        long chi = series.call("define_world_system", "series_id", id, "system_name", "Chi", "system_type",
                "supernatural", "power_source", "breath", "access_method", "training").ok().id();
        assertEquals("conflict", series.call("define_world_system", "series_id", id, "system_name", "CHI",
                "system_type", "divine", "power_source", "gods", "access_method", "prayer")
                .error("world system " + chi).errorType());
        series.call("define_world_system", "series_id", MISSING, "system_name", "Chi", "system_type", "divine",
                "power_source", "gods", "access_method", "prayer").error("series " + MISSING + " does not exist");
        assertEquals(1L, TestDb.count("SELECT count(*) FROM world_systems WHERE series_id = ?", id));
    }

    // --- create_world_element ---

    @Test
    void createWorldElementTiesElementToItsSystem() {
        long id = TestDb.newSeries();
        long system = newSystem(id, "Sympathy");
        Outcome element = series.call("create_world_element", "series_id", id, "name", "Binding", "element_type",
                "technique", "description", "Links two objects", "rules", List.of("Energy is conserved"),
                "limitations", List.of("Slippage"), "system_id", system, "cultural_impact", "Taught at the University").ok();
        assertEquals("common", element.get("rarity"));
        assertEquals("Sympathy", element.get("system_name"));
        assertEquals(List.of("Energy is conserved"), element.get("rules"));
        assertEquals(1L, TestDb.count("SELECT count(*) FROM world_elements WHERE system_id = ?", system));
        Outcome rare = series.call("create_world_element", "series_id", id, "name", "Binding", "element_type",
                "artifact", "description", "A different thing", "rarity", "legendary").ok();
        assertEquals("legendary", rare.get("rarity"));
    }

    @Test
    void createWorldElementRejectsForeignSystemDuplicatesAndMissingFields() {
        long id = TestDb.newSeries();
        long foreign = newSystem(TestDb.newSeries(), "Foreign magic");
        series.call("create_world_element", "series_id", id, "name", "Spark", "element_type", "spell",
                "description", "d", "system_id", foreign).error("system_id", "not series " + id);
        series.call("create_world_element", "series_id", id, "name", "Spark", "element_type", "spell",
                "description", "d", "system_id", MISSING).error("world system " + MISSING + " does not exist");
        series.call("create_world_element", "series_id", id, "name", "Spark", "element_type", "spell")
                .error("description");
        long spark = series.call("create_world_element", "series_id", id, "name", "Spark", "element_type", "spell",
                "description", "d").ok().id();
        assertEquals("conflict", series.call("create_world_element", "series_id", id, "name", "spark",
                "element_type", "Spell", "description", "again").error("world element " + spark).errorType());
        assertEquals(1L, TestDb.count("SELECT count(*) FROM world_elements WHERE series_id = ?", id));
    }

    // --- get_world_elements ---

    @Test
    void getWorldElementsFiltersBySystemTypeRarityAndSearch() {
        long id = TestDb.newSeries();
        long force = newSystem(id, "The Force");
        long lightsaber = series.call("create_world_element", "series_id", id, "name", "Lightsaber", "element_type",
                "weapon", "description", "Plasma blade", "rarity", "rare", "system_id", force).ok().id();
        long mindTrick = series.call("create_world_element", "series_id", id, "name", "Mind trick", "element_type",
                "technique", "description", "Suggestion", "system_id", force, "access_method", "a wave of the hand")
                .ok().id();
        long blaster = series.call("create_world_element", "series_id", id, "name", "Blaster", "element_type",
                "weapon", "description", "Plasma bolts").ok().id();

        assertEquals(3, series.call("get_world_elements", "series_id", id).ok().number("count"));
        assertEquals(List.of(mindTrick, lightsaber), ids(series.call("get_world_elements", "system_id", force).ok(),
                "world_elements"));
        assertEquals(List.of(blaster, lightsaber), ids(series.call("get_world_elements", "series_id", id,
                "element_type", "Weapon").ok(), "world_elements"));
        assertEquals(List.of(lightsaber), ids(series.call("get_world_elements", "series_id", id,
                "rarity", "rare").ok(), "world_elements"));
        assertEquals(List.of(blaster, lightsaber), ids(series.call("get_world_elements", "series_id", id,
                "search_term", "plasma").ok(), "world_elements"));
        assertEquals(List.of(mindTrick), ids(series.call("get_world_elements", "series_id", id,
                "search_term", "wave of").ok(), "world_elements"));
        assertEquals("The Force", series.call("get_world_elements", "series_id", id, "rarity", "rare").ok()
                .list("world_elements").get(0).get("system_name"));
        List<Map<String, Object>> systems = series.call("get_world_elements", "series_id", id, "include_systems", true)
                .ok().list("world_systems");
        assertEquals(List.of("The Force"), systems.stream().map(s -> s.get("system_name")).toList());
        assertEquals(2, ((Number) systems.get(0).get("element_count")).intValue());
    }

    @Test
    void getWorldElementsOfAMissingSystemOrSeriesFails() {
        series.call("get_world_elements", "system_id", MISSING).error("world system " + MISSING + " does not exist");
        series.call("get_world_elements", "series_id", MISSING).error("series " + MISSING + " does not exist");
        series.call("get_world_elements", "rarity", "").error("rarity");
        series.call("get_world_elements", "include_systems", "yes").error("include_systems");
    }
}
