/// The schema, as a list of steps that only ever grows. A step never changes once it has
/// shipped: stores out there have run it. To change the schema, append a step.
enum Migrations {
    struct Step {
        let version: Int
        let name: String
        let sql: String
    }

    static let steps: [Step] = [
        Step(version: 1, name: "people, sessions, signing keys, domain events", sql: """
            CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;

            -- Ed25519 keys that sign ticket codes. Only the public half ever leaves the store.
            CREATE TABLE signing_keys (
                id INTEGER PRIMARY KEY,
                public_key BLOB NOT NULL CHECK (length(public_key) = 32),
                private_key BLOB NOT NULL CHECK (length(private_key) = 32),
                created_at INTEGER NOT NULL,
                retired_at INTEGER
            ) STRICT;

            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'organizer', 'staff', 'participant')),
                password_hash TEXT NOT NULL,
                failed_logins INTEGER NOT NULL DEFAULT 0,
                locked_until INTEGER,
                totp_secret BLOB,
                totp_last_step INTEGER,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) STRICT;

            -- Tokens are stored as SHA-256 hashes: a copy of the store does not log anyone in.
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                token_hash BLOB NOT NULL UNIQUE,
                user_id TEXT NOT NULL REFERENCES users(id),
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                revoked_at INTEGER
            ) STRICT;
            CREATE INDEX sessions_by_user ON sessions(user_id);

            -- Every state change, written in the same transaction as the change. Notifications
            -- and the audit report read it; nothing ever rewrites it.
            CREATE TABLE domain_events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                type TEXT NOT NULL,
                subject_id TEXT,
                actor_id TEXT,
                data TEXT NOT NULL DEFAULT '{}',
                occurred_at INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX domain_events_by_subject ON domain_events(subject_id);
            CREATE INDEX domain_events_by_type ON domain_events(type, seq);
            CREATE TRIGGER domain_events_no_update BEFORE UPDATE ON domain_events
                BEGIN SELECT RAISE(ABORT, 'domain_events is append-only'); END;
            CREATE TRIGGER domain_events_no_delete BEFORE DELETE ON domain_events
                BEGIN SELECT RAISE(ABORT, 'domain_events is append-only'); END;
            """),
    ]

    static var latestVersion: Int { steps.last!.version }
}
