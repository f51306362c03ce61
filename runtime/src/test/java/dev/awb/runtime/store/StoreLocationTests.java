package dev.awb.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreLocationTests {
    private static final String URL = "jdbc:postgresql://db.example:5432/awb?user=alice";
    private static final Map<String, String> ENV = Map.of("AWB_STORE", URL + "&password=hunter2");

    @Test
    void readsALocationKeptInAnEnvironmentVariable() {
        StoreLocation location = StoreLocation.of("env:AWB_STORE", ENV);
        assertEquals(URL + "&password=hunter2", location.url());
        assertEquals("env:AWB_STORE", location.forWorkers());
        assertEquals("env:AWB_STORE", location.shown());
    }

    @Test
    void refusesAPasswordWrittenIntoTheLocationAndNeverRepeatsIt() {
        for (String given : new String[] {URL + "&password=hunter2", "jdbc:postgresql://db/awb?password=hunter2&user=a",
                "jdbc:postgresql://alice:hunter2@db/awb"}) {
            InvalidStoreLocation e = assertThrows(InvalidStoreLocation.class, () -> StoreLocation.of(given, Map.of()));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
            assertTrue(e.getMessage().contains("env:AWB_STORE") && e.getMessage().contains("PGPASSWORD"), e.getMessage());
        }
    }

    @Test
    void namesTheUnsetVariable() {
        InvalidStoreLocation e = assertThrows(InvalidStoreLocation.class, () -> StoreLocation.of("env:NOPE", Map.of()));
        assertTrue(e.getMessage().contains("[NOPE] is not set"), e.getMessage());
    }

    @Test
    void givesWorkersAbsoluteFilesAndUrlsAsTheyAre() {
        assertEquals(Path.of("runs/awb.sqlite").toAbsolutePath().toString(),
                StoreLocation.of("runs/awb.sqlite", Map.of()).forWorkers());
        assertEquals("jdbc:sqlite:runs/awb.sqlite", StoreLocation.of("runs/awb.sqlite", Map.of()).url());
        assertEquals(URL, StoreLocation.of(URL, Map.of()).forWorkers());
        assertTrue(StoreLocation.of("env:AWB_STORE", Map.of("AWB_STORE", "x.sqlite")).sqlite());
    }

    @Test
    void masksPasswordsInMessages() {
        assertEquals(URL + "&password=***", StoreLocation.redacted(URL + "&password=hunter2"));
        assertEquals("jdbc:postgresql://alice:***@db/awb", StoreLocation.redacted("jdbc:postgresql://alice:hunter2@db/awb"));
    }
}
