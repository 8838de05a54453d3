import Foundation
internal import GRDB

/// The history's tables, built and upgraded by GRDB's migrator. A migration, once shipped, is never edited: a new
/// one is added, so every file in the wild reaches the same schema.
enum HistorySchema {
    /// Text the sweep writes into rows whose sending program died.
    static let interruptedSummary = "interrupted — outcome unknown"

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in try v1(db) }
        m.registerMigration("v2") { db in try ReplayJournalSchema.v2(db) }
        return m
    }

    private static func v1(_ db: Database) throws {
        // `sends` stays narrow (no bodies) so a page of the list reads few pages of the file.
        try db.execute(sql: """
            CREATE TABLE sends (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                sent_at REAL NOT NULL,
                target TEXT NOT NULL,
                profile TEXT,
                endpoint TEXT NOT NULL,
                method TEXT NOT NULL,
                url TEXT NOT NULL,
                outcome TEXT NOT NULL,
                status INTEGER,
                failure_kind TEXT,
                failure_message TEXT,
                latency REAL,
                retries INTEGER NOT NULL DEFAULT 0,
                summary TEXT NOT NULL,
                event_count INTEGER NOT NULL,
                first_event TEXT NOT NULL,
                subject TEXT,
                owner_pid INTEGER NOT NULL
            );
            CREATE INDEX sends_sent_at ON sends(sent_at);
            CREATE INDEX sends_status ON sends(status);
            -- No index on target: `target:` is a case-insensitive LIKE (first word or a host inside), which a
            -- BINARY index cannot serve, and there are only a handful of distinct badges anyway.
            -- The open-time sweep only ever looks at rows still in flight: a partial index keeps it instant.
            CREATE INDEX sends_in_flight ON sends(owner_pid) WHERE outcome = 'in_flight';

            -- Bodies and the texts free-text search reads (kept here so the search index can use them as its content).
            CREATE TABLE send_payloads (
                seq INTEGER PRIMARY KEY REFERENCES sends(seq) ON DELETE CASCADE,
                request_headers TEXT NOT NULL,
                request_body TEXT NOT NULL,
                response_headers TEXT NOT NULL,
                response_body TEXT NOT NULL,
                event_names TEXT NOT NULL,
                event_ids TEXT NOT NULL,
                summary_text TEXT NOT NULL
            );

            CREATE TABLE events (
                send_seq INTEGER NOT NULL REFERENCES sends(seq) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                event_name TEXT NOT NULL,
                user_id TEXT,
                group_id TEXT,
                timestamp TEXT,
                fingerprint TEXT NOT NULL,
                PRIMARY KEY (send_seq, position)
            ) WITHOUT ROWID;
            -- event:NAME is case-insensitive, so its index must be too or it would not be used.
            CREATE INDEX events_name ON events(event_name COLLATE NOCASE);
            CREATE INDEX events_user ON events(user_id);
            CREATE INDEX events_group ON events(group_id);
            CREATE INDEX events_fingerprint ON events(fingerprint);

            -- Free text: rowid = sends.seq. An external-content index over send_payloads, so bodies are stored once
            -- (they are most of the file). remove_diacritics 0 keeps the in-memory store's meaning (lowercase only).
            -- Words are runs of letters and digits: `acme` finds jane.doe@acme.com and `953b` a uuid's middle, while
            -- a typed `u_123` is a phrase of its words (u, 123) and still finds only that id. Prefix indexes for 1 and 2 characters: the first
            -- keys of a search ("s", "u") otherwise merge thousands of terms (40-110 ms at 50,000 rows, 2-3 ms with).
            CREATE VIRTUAL TABLE sends_fts USING fts5(
                event_names, event_ids, request_body, response_body, summary_text,
                content = 'send_payloads', content_rowid = 'seq', prefix = '1 2',
                tokenize = "unicode61 remove_diacritics 0"
            );
            -- SQLite's documented triggers for external content: no path that writes payloads (including the cascade
            -- from deleting a send) can leave the index out of step.
            CREATE TRIGGER send_payloads_ai AFTER INSERT ON send_payloads BEGIN
                INSERT INTO sends_fts (rowid, event_names, event_ids, request_body, response_body, summary_text)
                VALUES (new.seq, new.event_names, new.event_ids, new.request_body, new.response_body, new.summary_text);
            END;
            CREATE TRIGGER send_payloads_ad AFTER DELETE ON send_payloads BEGIN
                INSERT INTO sends_fts (sends_fts, rowid, event_names, event_ids, request_body, response_body, summary_text)
                VALUES ('delete', old.seq, old.event_names, old.event_ids, old.request_body, old.response_body, old.summary_text);
            END;
            CREATE TRIGGER send_payloads_au AFTER UPDATE ON send_payloads BEGIN
                INSERT INTO sends_fts (sends_fts, rowid, event_names, event_ids, request_body, response_body, summary_text)
                VALUES ('delete', old.seq, old.event_names, old.event_ids, old.request_body, old.response_body, old.summary_text);
                INSERT INTO sends_fts (rowid, event_names, event_ids, request_body, response_body, summary_text)
                VALUES (new.seq, new.event_names, new.event_ids, new.request_body, new.response_body, new.summary_text);
            END;

            -- Bumped by every change that can move a row's position (update, prune, sweep), not by appends:
            -- cached page anchors stay valid exactly as long as it is unchanged, even across processes.
            CREATE TABLE history_meta (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                generation INTEGER NOT NULL
            );
            INSERT INTO history_meta (id, generation) VALUES (1, 0);
            """)
    }

    static func bumpGeneration(_ db: Database) throws {
        try db.execute(sql: "UPDATE history_meta SET generation = generation + 1 WHERE id = 1")
    }

    static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT generation FROM history_meta WHERE id = 1") ?? 0
    }
}
