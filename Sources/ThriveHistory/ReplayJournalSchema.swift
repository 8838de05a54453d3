import Foundation
internal import GRDB

/// Migration "v2": the replay journal's tables, next to the sends they refer to, so one file (and one WAL) holds
/// both and a killed replay can be resumed from what it wrote before each request left.
enum ReplayJournalSchema {
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE replay_jobs (
                id TEXT PRIMARY KEY,
                created_at REAL NOT NULL,
                target TEXT NOT NULL,
                input_key TEXT NOT NULL,
                total_events INTEGER NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'cancelled'))
            ) WITHOUT ROWID;
            -- `--resume` looks up the newest job for an input and target.
            CREATE INDEX replay_jobs_input ON replay_jobs(input_key, target, created_at);

            CREATE TABLE replay_requests (
                job_id TEXT NOT NULL REFERENCES replay_jobs(id) ON DELETE CASCADE,
                request_index INTEGER NOT NULL,
                endpoint TEXT NOT NULL,
                -- sends.id of the latest attempt. Not a foreign key: pruning the history must not lose a job's state.
                send_id TEXT,
                -- ImportedEvent numbers, comma separated: a 1,000-event request is one short text, not 1,000 rows.
                event_numbers TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'accepted', 'rejected', 'unknown')),
                http_status INTEGER,
                reason TEXT,
                PRIMARY KEY (job_id, request_index)
            ) WITHOUT ROWID;
            """)
    }
}
