package dev.awb.runtime.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a store's tables directly for tests: what the CLI wrote, without going through ResultsStore. */
public final class StoreRows {
    private StoreRows() {
    }

    /** The first column of every row {@code sql} returns, as strings (null for SQL NULL). */
    public static List<String> column(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
