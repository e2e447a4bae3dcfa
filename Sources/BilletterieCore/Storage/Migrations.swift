import Foundation

/// The schema, as a list of steps that only ever grows. A step never changes once it has
/// shipped: stores out there have run it. To change the schema, append a step.
enum Migrations {
    struct Step: Sendable {
        let version: Int
        let name: String
        let sql: String
        /// Work SQL alone cannot do (random references, folded names), run after `sql`.
        var backfill: (@Sendable (SQLiteConnection) throws -> Void)? = nil
        /// Run after the backfill (indexes over what it filled in).
        var finish = ""
        /// The step in PostgreSQL's spelling, for every step after `PostgresSchema.baseVersion`
        /// (a test holds every such step to having one).
        var postgres: String? = nil
    }

    static let steps: [Step] = [
        Step(
            version: 1, name: "people, sessions, signing keys, domain events",
            sql: """
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
        Step(
            version: 2, name: "events, venues, tiers, full-text search",
            sql: """
                CREATE TABLE venues (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
                    address TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE events (
                    id TEXT PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    key TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    category TEXT,
                    venue_id INTEGER NOT NULL REFERENCES venues(id),
                    organizer_id TEXT NOT NULL REFERENCES users(id),
                    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
                    starts_at INTEGER NOT NULL,
                    ends_at INTEGER NOT NULL CHECK (ends_at >= starts_at),
                    timezone TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
                    sales_start INTEGER,
                    sales_end INTEGER,
                    cancel_reason TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX events_by_start ON events(starts_at);
                CREATE INDEX events_by_end ON events(ends_at);
                CREATE INDEX events_by_organizer ON events(organizer_id);
                CREATE INDEX events_by_venue ON events(venue_id);
                CREATE INDEX events_by_category ON events(category);

                CREATE TABLE tiers (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
                    quota INTEGER CHECK (quota IS NULL OR quota >= 0),
                    max_per_order INTEGER CHECK (max_per_order IS NULL OR max_per_order >= 1),
                    addon INTEGER NOT NULL DEFAULT 0 CHECK (addon IN (0, 1)),
                    sales_start INTEGER,
                    sales_end INTEGER,
                    position INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT;
                CREATE UNIQUE INDEX tiers_by_name ON tiers(event_id, name COLLATE NOCASE);

                -- Full-text search over what people search events by. Kept in step by triggers,
                -- so no code path can forget it; rowid is the event's rowid.
                CREATE VIRTUAL TABLE events_search USING fts5(title, description, venue, category, tokenize = 'unicode61 remove_diacritics 2');
                CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
                    INSERT INTO events_search (rowid, title, description, venue, category)
                    VALUES (new.rowid, new.title, new.description, (SELECT name FROM venues WHERE id = new.venue_id), coalesce(new.category, ''));
                END;
                CREATE TRIGGER events_search_update AFTER UPDATE OF title, description, venue_id, category ON events BEGIN
                    DELETE FROM events_search WHERE rowid = old.rowid;
                    INSERT INTO events_search (rowid, title, description, venue, category)
                    VALUES (new.rowid, new.title, new.description, (SELECT name FROM venues WHERE id = new.venue_id), coalesce(new.category, ''));
                END;
                CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
                    DELETE FROM events_search WHERE rowid = old.rowid;
                END;
                """),
        Step(
            version: 3, name: "orders and tickets",
            sql: """
                -- 'expired' is not stored: a reserved order whose expires_at has passed is expired,
                -- at that very moment, without any command having to run.
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id),
                    buyer_email TEXT NOT NULL,
                    buyer_name TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL CHECK (status IN ('reserved', 'paid', 'partially_refunded', 'refunded', 'cancelled')),
                    total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
                    paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
                    refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
                    currency TEXT NOT NULL,
                    expires_at INTEGER,
                    external_id TEXT,
                    channel TEXT NOT NULL CHECK (channel IN ('box_office', 'import')),
                    paid_by TEXT CHECK (paid_by IS NULL OR paid_by IN ('cash', 'comp')),
                    created_by TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    UNIQUE (event_id, external_id)
                ) STRICT;
                CREATE INDEX orders_by_buyer ON orders(buyer_email);
                CREATE INDEX orders_by_event ON orders(event_id, created_at);

                -- A ticket counts toward its tier and event while it is not void and its hold (if
                -- any) has not run out: hold_expires_at is the order's hold, cleared when paid.
                CREATE TABLE tickets (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders(id),
                    event_id TEXT NOT NULL REFERENCES events(id),
                    tier_id TEXT NOT NULL REFERENCES tiers(id),
                    admission INTEGER NOT NULL CHECK (admission IN (0, 1)),
                    attendee_name TEXT NOT NULL,
                    attendee_email TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'valid', 'used', 'void')),
                    hold_expires_at INTEGER,
                    code TEXT NOT NULL UNIQUE,
                    void_reason TEXT,
                    replaced_by TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX tickets_by_tier ON tickets(tier_id, status, hold_expires_at);
                CREATE INDEX tickets_by_event ON tickets(event_id, admission, status, hold_expires_at);
                CREATE INDEX tickets_by_order ON tickets(order_id);
                CREATE INDEX tickets_by_attendee ON tickets(attendee_email);
                """),
        Step(
            version: 4, name: "payments, refunds, receipts, VAT",
            sql: """
                -- Only a card's brand and last four digits are ever stored.
                CREATE TABLE payments (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders(id),
                    method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'test')),
                    status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
                    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
                    tendered_minor INTEGER,
                    change_minor INTEGER,
                    currency TEXT NOT NULL,
                    reference TEXT,
                    card_brand TEXT,
                    card_last4 TEXT CHECK (card_last4 IS NULL OR length(card_last4) = 4),
                    decline_reason TEXT,
                    idempotency_key TEXT UNIQUE,
                    request_hash BLOB,
                    created_by TEXT,
                    created_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX payments_by_order ON payments(order_id);

                CREATE TABLE refunds (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders(id),
                    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
                    currency TEXT NOT NULL,
                    method TEXT NOT NULL,
                    card_brand TEXT,
                    card_last4 TEXT,
                    reason TEXT NOT NULL DEFAULT '',
                    tickets TEXT NOT NULL DEFAULT '',
                    idempotency_key TEXT UNIQUE,
                    request_hash BLOB,
                    created_by TEXT,
                    created_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX refunds_by_order ON refunds(order_id);

                -- Receipt numbers: the rowid, taken in the transaction that makes the order paid, so
                -- they run 1, 2, 3... with none skipped (a rolled-back payment takes none).
                CREATE TABLE receipts (
                    number INTEGER PRIMARY KEY,
                    order_id TEXT NOT NULL UNIQUE REFERENCES orders(id),
                    issued_at INTEGER NOT NULL
                ) STRICT;

                -- VAT included in the event's prices, in basis points (550 = 5.5 %); NULL for none.
                ALTER TABLE events ADD COLUMN vat_rate_bp INTEGER CHECK (vat_rate_bp IS NULL OR vat_rate_bp BETWEEN 0 AND 10000);
                """),
        Step(
            version: 5, name: "door scans",
            sql: """
                -- Every scan, accepted or not, before its answer is shown. An undo marks the scan,
                -- it never deletes it. Scans brought in from gate packs keep their pack's scan id.
                CREATE TABLE scans (
                    id TEXT PRIMARY KEY,
                    ticket_id TEXT,
                    event_id TEXT,
                    gate TEXT NOT NULL DEFAULT '',
                    operator_id TEXT,
                    result TEXT NOT NULL CHECK (result IN ('accepted', 'rejected')),
                    reason TEXT NOT NULL,
                    scanned TEXT NOT NULL DEFAULT '',
                    scanned_at INTEGER NOT NULL,
                    undone_at INTEGER,
                    undone_by TEXT,
                    source TEXT NOT NULL DEFAULT 'online',
                    pack_scan_id TEXT UNIQUE
                ) STRICT;
                CREATE INDEX scans_by_ticket ON scans(ticket_id, scanned_at);
                CREATE INDEX scans_by_event ON scans(event_id, scanned_at);
                """),
        Step(
            version: 6, name: "standing admissions index",
            sql: """
                -- The door asks "is this ticket already inside?" on every scan. Through
                -- scans_by_ticket that walked back over every rejected scan of the ticket (a copied
                -- code scanned again and again made each answer slower); this index holds only the
                -- standing admissions.
                CREATE INDEX scans_admissions ON scans(ticket_id, scanned_at) WHERE result = 'accepted' AND undone_at IS NULL;
                """),
        Step(
            version: 7, name: "notifications",
            sql: """
                -- One row per message to write: planned from the domain events (or by `notify
                -- remind`), then written to the outbox. dedupe_key makes planning idempotent; the
                -- file name is fixed when planned, so a rerun finds a message already written.
                CREATE TABLE notifications (
                    id TEXT PRIMARY KEY,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
                    subject_id TEXT,
                    source_seq INTEGER,
                    recipient_email TEXT NOT NULL,
                    recipient_name TEXT NOT NULL DEFAULT '',
                    data TEXT NOT NULL DEFAULT '{}',
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                    failure TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    file TEXT NOT NULL UNIQUE,
                    subject TEXT,
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER
                ) STRICT;
                CREATE INDEX notifications_by_status ON notifications(status, created_at);
                CREATE INDEX notifications_by_event ON notifications(event_id, created_at);
                -- Tickets already reminded of their event: a reminder is never sent twice.
                CREATE TABLE reminded_tickets (
                    ticket_id TEXT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
                    notification_id TEXT NOT NULL
                ) STRICT;
                -- Templates a store chose over the built-in ones.
                CREATE TABLE message_templates (
                    name TEXT NOT NULL,
                    locale TEXT NOT NULL,
                    body TEXT NOT NULL,
                    updated_at INTEGER NOT NULL,
                    updated_by TEXT,
                    PRIMARY KEY (name, locale)
                ) STRICT;
                -- The language of an event's messages; NULL follows the store's.
                ALTER TABLE events ADD COLUMN locale TEXT;
                """),
        Step(
            version: 8, name: "ticket references and the door's name search",
            sql: """
                -- The 10-character reference staff type when a QR will not scan (unique in the
                -- store), and the ticket's names and addresses folded for `ticket find` (lower
                -- case, accents removed, buyer's too). Both are filled in for existing tickets.
                ALTER TABLE tickets ADD COLUMN reference TEXT;
                ALTER TABLE tickets ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
                """, backfill: Backfill.referencesAndSearchText,
            finish: """
                CREATE UNIQUE INDEX tickets_by_reference ON tickets(reference);
                """),
        Step(
            version: 9, name: "accounts you can trust",
            sql: """
                -- A disabled account cannot log in (someone who left); its sessions are ended.
                ALTER TABLE users ADD COLUMN disabled_at INTEGER;
                -- Orders belong to an address; an account sees those of its address only once it has
                -- proven the address (`user verify`). Accounts made before this step keep what they saw.
                ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
                UPDATE users SET email_verified_at = created_at;
                -- A TOTP secret waiting for its first code: two-factor login is on only once confirmed.
                ALTER TABLE users ADD COLUMN totp_pending_secret BLOB;
                -- One-time recovery codes, kept as SHA-256 hashes.
                CREATE TABLE recovery_codes (
                    user_id TEXT NOT NULL REFERENCES users(id),
                    code_hash BLOB NOT NULL,
                    used_at INTEGER,
                    PRIMARY KEY (user_id, code_hash)
                ) STRICT;
                -- The code `user verify` takes, sent through the outbox; hashed, one per account.
                CREATE TABLE email_verifications (
                    user_id TEXT PRIMARY KEY REFERENCES users(id),
                    code_hash BLOB NOT NULL,
                    expires_at INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0
                ) STRICT;
                -- An account's own orders are found by who placed them, not only by address.
                CREATE INDEX orders_by_creator ON orders(created_by);
                """, backfill: Backfill.lookAlikeAccounts),
        Step(
            version: 10, name: "check-in lists, exits and re-entry",
            sql: """
                -- Lists beyond every event's own `main` (which is not stored: the event's admission
                -- tiers, one entry per ticket, re-entry after an exit). A list names the tiers it
                -- checks (add-ons too: parking, cloakroom); one naming none checks the event's
                -- admission tiers.
                CREATE TABLE checkin_lists (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    multiple_entries INTEGER NOT NULL DEFAULT 0,
                    reentry INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER NOT NULL,
                    UNIQUE (event_id, name)
                ) STRICT;
                CREATE TABLE checkin_list_tiers (
                    list_id TEXT NOT NULL REFERENCES checkin_lists(id) ON DELETE CASCADE,
                    tier_id TEXT NOT NULL REFERENCES tiers(id) ON DELETE CASCADE,
                    PRIMARY KEY (list_id, tier_id)
                ) STRICT;
                -- Every scan is on a list and lets a ticket in or out; the scans made before lists
                -- existed were entries on `main`, so they keep their meaning.
                ALTER TABLE scans ADD COLUMN checkin_list TEXT NOT NULL DEFAULT 'main';
                ALTER TABLE scans ADD COLUMN direction TEXT NOT NULL DEFAULT 'entry' CHECK (direction IN ('entry', 'exit'));
                -- The door's question is now "what did this ticket last do on this list?", over the
                -- standing scans only (accepted, not undone).
                DROP INDEX scans_admissions;
                CREATE INDEX scans_standing ON scans(ticket_id, checkin_list, scanned_at) WHERE result = 'accepted' AND undone_at IS NULL;
                """,
            postgres: """
                CREATE TABLE checkin_lists (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    multiple_entries BIGINT NOT NULL DEFAULT 0,
                    reentry BIGINT NOT NULL DEFAULT 1,
                    created_at BIGINT NOT NULL,
                    UNIQUE (event_id, name)
                );
                CREATE TABLE checkin_list_tiers (
                    list_id TEXT NOT NULL REFERENCES checkin_lists(id) ON DELETE CASCADE,
                    tier_id TEXT NOT NULL REFERENCES tiers(id) ON DELETE CASCADE,
                    PRIMARY KEY (list_id, tier_id)
                );
                ALTER TABLE scans ADD COLUMN checkin_list TEXT NOT NULL DEFAULT 'main';
                ALTER TABLE scans ADD COLUMN direction TEXT NOT NULL DEFAULT 'entry' CHECK (direction IN ('entry', 'exit'));
                DROP INDEX scans_admissions;
                CREATE INDEX scans_standing ON scans(ticket_id, checkin_list, scanned_at) WHERE result = 'accepted' AND undone_at IS NULL;
                """),
        Step(
            version: 11, name: "counter sales, vouchers, waiting list",
            sql: """
                -- What each ticket cost (a voucher may have lowered it): cancellations, refunds and
                -- receipts go by it. Tickets sold before vouchers cost their tier's price, nothing
                -- when their order was complimentary.
                ALTER TABLE tickets ADD COLUMN price_minor INTEGER NOT NULL DEFAULT 0;
                UPDATE tickets SET price_minor = CASE
                    WHEN (SELECT paid_by FROM orders WHERE orders.id = tickets.order_id) = 'comp' THEN 0
                    ELSE (SELECT price_minor FROM tiers WHERE tiers.id = tickets.tier_id) END;
                -- A voucher's uses are its tickets that hold a place now: an expired hold or a
                -- cancellation gives the use back by itself, as it gives back the place.
                ALTER TABLE tickets ADD COLUMN voucher_id TEXT;
                CREATE INDEX tickets_by_voucher ON tickets(voucher_id, status, hold_expires_at) WHERE voucher_id IS NOT NULL;
                ALTER TABLE tiers ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE tiers ADD COLUMN requires_admission INTEGER NOT NULL DEFAULT 0;
                -- How long a waiting-list offer stands, in seconds; NULL for a day.
                ALTER TABLE events ADD COLUMN waitlist_offer INTEGER;
                CREATE TABLE vouchers (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    code TEXT NOT NULL UNIQUE,
                    discount TEXT NOT NULL CHECK (discount IN ('none', 'percent', 'fixed', 'price')),
                    -- Percent: whole percent; fixed and price: minor units.
                    discount_value INTEGER NOT NULL DEFAULT 0 CHECK (discount_value >= 0),
                    max_uses INTEGER NOT NULL CHECK (max_uses >= 1),
                    valid_until INTEGER,
                    -- Places kept for the voucher's own sales, counted as held until used.
                    block INTEGER NOT NULL DEFAULT 0 CHECK (block >= 0 AND block <= max_uses),
                    waitlist_entry TEXT,
                    created_by TEXT,
                    created_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX vouchers_by_event ON vouchers(event_id, created_at);
                CREATE INDEX vouchers_blocking ON vouchers(event_id) WHERE block > 0;
                -- The tiers a voucher is for; none named means every tier that is not hidden.
                CREATE TABLE voucher_tiers (
                    voucher_id TEXT NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
                    tier_id TEXT NOT NULL REFERENCES tiers(id) ON DELETE CASCADE,
                    PRIMARY KEY (voucher_id, tier_id)
                ) STRICT;
                -- 'offered' turns into bought or lapsed when read (its voucher tells), as an
                -- order's hold turns into expired: no command has to run for it to be true.
                CREATE TABLE waitlist_entries (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    tier_id TEXT NOT NULL REFERENCES tiers(id) ON DELETE CASCADE,
                    quantity INTEGER NOT NULL CHECK (quantity >= 1),
                    email TEXT NOT NULL,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'bought', 'lapsed', 'left')),
                    voucher_id TEXT,
                    offered_at INTEGER,
                    created_by TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX waitlist_by_event ON waitlist_entries(event_id, status, created_at);
                """,
            postgres: """
                ALTER TABLE tickets ADD COLUMN price_minor BIGINT NOT NULL DEFAULT 0;
                UPDATE tickets SET price_minor = CASE
                    WHEN (SELECT paid_by FROM orders WHERE orders.id = tickets.order_id) = 'comp' THEN 0
                    ELSE (SELECT price_minor FROM tiers WHERE tiers.id = tickets.tier_id) END;
                ALTER TABLE tickets ADD COLUMN voucher_id TEXT;
                CREATE INDEX tickets_by_voucher ON tickets(voucher_id, status, hold_expires_at) WHERE voucher_id IS NOT NULL;
                ALTER TABLE tiers ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
                ALTER TABLE tiers ADD COLUMN requires_admission BIGINT NOT NULL DEFAULT 0;
                ALTER TABLE events ADD COLUMN waitlist_offer BIGINT;
                CREATE TABLE vouchers (
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    code TEXT NOT NULL UNIQUE,
                    discount TEXT NOT NULL CHECK (discount IN ('none', 'percent', 'fixed', 'price')),
                    discount_value BIGINT NOT NULL DEFAULT 0 CHECK (discount_value >= 0),
                    max_uses BIGINT NOT NULL CHECK (max_uses >= 1),
                    valid_until BIGINT,
                    block BIGINT NOT NULL DEFAULT 0 CHECK (block >= 0 AND block <= max_uses),
                    waitlist_entry TEXT,
                    created_by TEXT,
                    created_at BIGINT NOT NULL
                );
                CREATE INDEX vouchers_by_event ON vouchers(event_id, created_at);
                CREATE INDEX vouchers_blocking ON vouchers(event_id) WHERE block > 0;
                CREATE TABLE voucher_tiers (
                    voucher_id TEXT NOT NULL REFERENCES vouchers(id) ON DELETE CASCADE,
                    tier_id TEXT NOT NULL REFERENCES tiers(id) ON DELETE CASCADE,
                    PRIMARY KEY (voucher_id, tier_id)
                );
                CREATE TABLE waitlist_entries (
                    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
                    id TEXT PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    tier_id TEXT NOT NULL REFERENCES tiers(id) ON DELETE CASCADE,
                    quantity BIGINT NOT NULL CHECK (quantity >= 1),
                    email TEXT NOT NULL,
                    name TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'bought', 'lapsed', 'left')),
                    voucher_id TEXT,
                    offered_at BIGINT,
                    created_by TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                );
                CREATE INDEX waitlist_by_event ON waitlist_entries(event_id, status, created_at);
                """),
        Step(
            version: 12, name: "messages from facts, cash handed back",
            sql: """
                -- A message that would no longer be true when written (a confirmation of an order
                -- cancelled since, a decline on an order paid since) is withdrawn, not sent.
                CREATE TABLE notifications_12 (
                    id TEXT PRIMARY KEY,
                    dedupe_key TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
                    subject_id TEXT,
                    source_seq INTEGER,
                    recipient_email TEXT NOT NULL,
                    recipient_name TEXT NOT NULL DEFAULT '',
                    data TEXT NOT NULL DEFAULT '{}',
                    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'withdrawn')),
                    failure TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    file TEXT NOT NULL UNIQUE,
                    subject TEXT,
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER
                ) STRICT;
                INSERT INTO notifications_12 SELECT id, dedupe_key, kind, event_id, subject_id, source_seq, recipient_email,
                    recipient_name, data, status, failure, attempts, file, subject, created_at, sent_at FROM notifications;
                DROP TABLE notifications;
                ALTER TABLE notifications_12 RENAME TO notifications;
                CREATE INDEX notifications_by_status ON notifications(status, created_at);
                CREATE INDEX notifications_by_event ON notifications(event_id, created_at);
                -- Cash given back: a refund at the till is handed over as it is recorded; the
                -- cancellation cascade's cash refunds are owed until someone hands them back
                -- (`refund hand-back`). NULL: still owed. Card refunds go back by themselves.
                ALTER TABLE refunds ADD COLUMN handed_back_at INTEGER;
                ALTER TABLE refunds ADD COLUMN handed_back_by TEXT;
                UPDATE refunds SET handed_back_at = created_at WHERE method != 'cash' OR reason NOT LIKE 'event cancelled:%';
                CREATE INDEX refunds_owed ON refunds(order_id) WHERE handed_back_at IS NULL;
                -- Reports at scale: what `report sales` counts, kept where an index covers it.
                -- `sold`: the ticket's order has a receipt (it was paid, comps included), set
                -- as a valid ticket is written and for an order's tickets as its receipt is issued.
                ALTER TABLE tickets ADD COLUMN sold INTEGER NOT NULL DEFAULT 0;
                UPDATE tickets SET sold = 1 WHERE order_id IN (SELECT order_id FROM receipts);
                CREATE INDEX tickets_sales ON tickets(tier_id, sold, status);
                -- Money per event and method without reading every order.
                ALTER TABLE payments ADD COLUMN event_id TEXT;
                UPDATE payments SET event_id = (SELECT event_id FROM orders WHERE orders.id = payments.order_id);
                CREATE INDEX payments_by_event ON payments(event_id, status, method, amount_minor);
                ALTER TABLE refunds ADD COLUMN event_id TEXT;
                UPDATE refunds SET event_id = (SELECT event_id FROM orders WHERE orders.id = refunds.order_id);
                CREATE INDEX refunds_by_event ON refunds(event_id, method, amount_minor);
                """,
            postgres: """
                ALTER TABLE notifications DROP CONSTRAINT notifications_status_check;
                ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
                    CHECK (status IN ('pending', 'sent', 'failed', 'withdrawn'));
                ALTER TABLE refunds ADD COLUMN handed_back_at BIGINT;
                ALTER TABLE refunds ADD COLUMN handed_back_by TEXT;
                UPDATE refunds SET handed_back_at = created_at WHERE method != 'cash' OR reason NOT LIKE 'event cancelled:%';
                CREATE INDEX refunds_owed ON refunds(order_id) WHERE handed_back_at IS NULL;
                ALTER TABLE tickets ADD COLUMN sold BIGINT NOT NULL DEFAULT 0;
                UPDATE tickets SET sold = 1 WHERE order_id IN (SELECT order_id FROM receipts);
                CREATE INDEX tickets_sales ON tickets(tier_id, sold, status);
                ALTER TABLE payments ADD COLUMN event_id TEXT;
                UPDATE payments SET event_id = (SELECT event_id FROM orders WHERE orders.id = payments.order_id);
                CREATE INDEX payments_by_event ON payments(event_id, status, method, amount_minor);
                ALTER TABLE refunds ADD COLUMN event_id TEXT;
                UPDATE refunds SET event_id = (SELECT event_id FROM orders WHERE orders.id = refunds.order_id);
                CREATE INDEX refunds_by_event ON refunds(event_id, method, amount_minor);
                """),
        Step(
            version: 13, name: "report counts kept as scans, tickets and money are written",
            sql: """
                -- Reports at scale, the door half. What `report checkins` counts is kept beside the
                -- scans by triggers, in the same transaction as every scan written or undone and
                -- every ticket voided or replaced, so no path that writes them can leave it behind
                -- (the door, a stream, a merged pack, a copy of a store). Scans are never changed
                -- but for their undo; these tables are derived, never copied by `backup`.
                -- Per list, gate and quarter hour: standing entries and exits, rejected, undone.
                CREATE TABLE checkin_counts (
                    event_id TEXT NOT NULL,
                    checkin_list TEXT NOT NULL,
                    gate TEXT NOT NULL,
                    quarter INTEGER NOT NULL,
                    entries INTEGER NOT NULL,
                    exits INTEGER NOT NULL,
                    rejected INTEGER NOT NULL,
                    undone INTEGER NOT NULL,
                    PRIMARY KEY (event_id, checkin_list, gate, quarter)
                ) STRICT, WITHOUT ROWID;
                -- Per ticket and list with standing scans: whether one is an entry (admitted), whether
                -- the last is (inside, since when, at which gate), and whether the ticket may still
                -- come in (valid or used: countable) or was replaced by a transfer.
                CREATE TABLE checkin_presence (
                    ticket_id TEXT NOT NULL,
                    checkin_list TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    tier_id TEXT NOT NULL,
                    admission INTEGER NOT NULL,
                    countable INTEGER NOT NULL,
                    replaced_by TEXT,
                    entered INTEGER NOT NULL,
                    inside INTEGER NOT NULL,
                    since INTEGER NOT NULL,
                    gate TEXT NOT NULL,
                    PRIMARY KEY (ticket_id, checkin_list)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX checkin_presence_inside ON checkin_presence(event_id, checkin_list) WHERE inside = 1 AND countable = 1;
                CREATE INDEX checkin_presence_replaced ON checkin_presence(event_id, checkin_list) WHERE entered = 1 AND replaced_by IS NOT NULL;
                -- Per list and tier: countable tickets admitted and inside, the sums of the rows above.
                CREATE TABLE checkin_totals (
                    event_id TEXT NOT NULL,
                    checkin_list TEXT NOT NULL,
                    tier_id TEXT NOT NULL,
                    admission INTEGER NOT NULL,
                    entered INTEGER NOT NULL,
                    inside INTEGER NOT NULL,
                    PRIMARY KEY (event_id, checkin_list, tier_id)
                ) STRICT, WITHOUT ROWID;

                \(checkinCountsBackfill13)
                INSERT INTO checkin_presence (ticket_id, checkin_list, event_id, tier_id, admission, countable, replaced_by, entered, inside, since, gate)
                SELECT s.ticket_id, s.checkin_list, t.event_id, t.tier_id, t.admission, t.status IN ('valid', 'used'), t.replaced_by,
                       EXISTS (SELECT 1 FROM scans e WHERE e.ticket_id = s.ticket_id AND e.checkin_list = s.checkin_list
                               AND e.result = 'accepted' AND e.undone_at IS NULL AND e.direction = 'entry'),
                       s.direction = 'entry', s.scanned_at, s.gate
                FROM (SELECT ticket_id, checkin_list, direction, scanned_at, gate,
                             row_number() OVER (PARTITION BY ticket_id, checkin_list ORDER BY scanned_at DESC, rowid DESC) AS position
                      FROM scans WHERE ticket_id IS NOT NULL AND result = 'accepted' AND undone_at IS NULL) s
                JOIN tickets t ON t.id = s.ticket_id WHERE s.position = 1;
                INSERT INTO checkin_totals (event_id, checkin_list, tier_id, admission, entered, inside)
                SELECT event_id, checkin_list, tier_id, admission, sum(countable * entered), sum(countable * inside)
                FROM checkin_presence GROUP BY event_id, checkin_list, tier_id, admission;

                CREATE TRIGGER scans_counted AFTER INSERT ON scans WHEN NEW.event_id IS NOT NULL BEGIN
                    INSERT INTO checkin_counts (event_id, checkin_list, gate, quarter, entries, exits, rejected, undone)
                    VALUES (NEW.event_id, NEW.checkin_list, NEW.gate, (NEW.scanned_at / 900) * 900,
                            NEW.result = 'accepted' AND NEW.undone_at IS NULL AND NEW.direction = 'entry',
                            NEW.result = 'accepted' AND NEW.undone_at IS NULL AND NEW.direction = 'exit',
                            NEW.result = 'rejected', NEW.undone_at IS NOT NULL)
                    ON CONFLICT (event_id, checkin_list, gate, quarter) DO UPDATE SET
                        entries = entries + excluded.entries, exits = exits + excluded.exits,
                        rejected = rejected + excluded.rejected, undone = undone + excluded.undone;
                END;
                CREATE TRIGGER scans_uncounted AFTER UPDATE OF undone_at ON scans
                WHEN NEW.event_id IS NOT NULL AND OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL BEGIN
                    UPDATE checkin_counts SET
                        entries = entries - (OLD.result = 'accepted' AND OLD.direction = 'entry'),
                        exits = exits - (OLD.result = 'accepted' AND OLD.direction = 'exit'), undone = undone + 1
                    WHERE event_id = OLD.event_id AND checkin_list = OLD.checkin_list AND gate = OLD.gate
                          AND quarter = (OLD.scanned_at / 900) * 900;
                END;
                -- A ticket's presence on a list. The usual scan (the door, a stream) is later than
                -- any the ticket has there: the row moves by the scan itself. An older one (merged
                -- from a pack) and an undo recompute it from the standing scans (scans_standing: a
                -- few rows). Whichever of the two insert triggers fires first, the other then finds
                -- its condition false.
                CREATE TRIGGER scans_present AFTER INSERT ON scans
                WHEN NEW.ticket_id IS NOT NULL AND NEW.result = 'accepted' AND NEW.undone_at IS NULL
                     AND NOT EXISTS (SELECT 1 FROM checkin_presence p WHERE p.ticket_id = NEW.ticket_id
                                     AND p.checkin_list = NEW.checkin_list AND p.since > NEW.scanned_at) BEGIN
                    INSERT INTO checkin_presence (ticket_id, checkin_list, event_id, tier_id, admission, countable, replaced_by, entered, inside, since, gate)
                    SELECT NEW.ticket_id, NEW.checkin_list, t.event_id, t.tier_id, t.admission, t.status IN ('valid', 'used'), t.replaced_by,
                           NEW.direction = 'entry', NEW.direction = 'entry', NEW.scanned_at, NEW.gate
                    FROM tickets t WHERE t.id = NEW.ticket_id
                    ON CONFLICT (ticket_id, checkin_list) DO UPDATE SET
                        entered = max(entered, excluded.entered), inside = excluded.inside, since = excluded.since, gate = excluded.gate;
                END;
                CREATE TRIGGER scans_present_late AFTER INSERT ON scans
                WHEN NEW.ticket_id IS NOT NULL AND NEW.result = 'accepted' AND NEW.undone_at IS NULL
                     AND EXISTS (SELECT 1 FROM checkin_presence p WHERE p.ticket_id = NEW.ticket_id
                                 AND p.checkin_list = NEW.checkin_list AND p.since > NEW.scanned_at) BEGIN
                    \(presenceRefresh13("NEW"))
                END;
                CREATE TRIGGER scans_present_undone AFTER UPDATE OF undone_at ON scans
                WHEN OLD.ticket_id IS NOT NULL AND OLD.result = 'accepted' AND OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL BEGIN
                    \(presenceRefresh13("OLD"))
                END;
                -- Voided (refund, cancellation, transfer) or valid again: no longer, or again, counted.
                CREATE TRIGGER tickets_presence AFTER UPDATE OF status, replaced_by ON tickets
                WHEN (OLD.status IN ('valid', 'used')) != (NEW.status IN ('valid', 'used')) OR OLD.replaced_by IS NOT NEW.replaced_by BEGIN
                    UPDATE checkin_presence SET countable = NEW.status IN ('valid', 'used'), replaced_by = NEW.replaced_by
                    WHERE ticket_id = NEW.id;
                END;
                CREATE TRIGGER checkin_presence_added AFTER INSERT ON checkin_presence BEGIN
                    INSERT INTO checkin_totals (event_id, checkin_list, tier_id, admission, entered, inside)
                    VALUES (NEW.event_id, NEW.checkin_list, NEW.tier_id, NEW.admission, NEW.countable * NEW.entered, NEW.countable * NEW.inside)
                    ON CONFLICT (event_id, checkin_list, tier_id) DO UPDATE SET
                        entered = entered + excluded.entered, inside = inside + excluded.inside;
                END;
                CREATE TRIGGER checkin_presence_removed AFTER DELETE ON checkin_presence BEGIN
                    UPDATE checkin_totals SET entered = entered - OLD.countable * OLD.entered, inside = inside - OLD.countable * OLD.inside
                    WHERE event_id = OLD.event_id AND checkin_list = OLD.checkin_list AND tier_id = OLD.tier_id;
                END;
                CREATE TRIGGER checkin_presence_changed AFTER UPDATE ON checkin_presence BEGIN
                    UPDATE checkin_totals SET
                        entered = entered - OLD.countable * OLD.entered + NEW.countable * NEW.entered,
                        inside = inside - OLD.countable * OLD.inside + NEW.countable * NEW.inside
                    WHERE event_id = NEW.event_id AND checkin_list = NEW.checkin_list AND tier_id = NEW.tier_id;
                END;

                -- The same for `report sales`: per tier and status, the tickets of paid orders
                -- (sold), and per event and method the money taken and given back.
                CREATE TABLE sales_counts (
                    event_id TEXT NOT NULL,
                    tier_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    tickets INTEGER NOT NULL,
                    PRIMARY KEY (tier_id, status)
                ) STRICT, WITHOUT ROWID;
                CREATE TABLE money_counts (
                    event_id TEXT NOT NULL,
                    method TEXT NOT NULL,
                    paid_minor INTEGER NOT NULL,
                    refunded_minor INTEGER NOT NULL,
                    PRIMARY KEY (event_id, method)
                ) STRICT, WITHOUT ROWID;
                \(salesBackfill13)
                CREATE TRIGGER tickets_sold AFTER INSERT ON tickets WHEN NEW.sold = 1 BEGIN
                    INSERT INTO sales_counts (event_id, tier_id, status, tickets) VALUES (NEW.event_id, NEW.tier_id, NEW.status, 1)
                    ON CONFLICT (tier_id, status) DO UPDATE SET tickets = tickets + 1;
                END;
                CREATE TRIGGER tickets_sold_changed AFTER UPDATE OF sold, status, tier_id ON tickets
                WHEN OLD.sold != NEW.sold OR OLD.status != NEW.status OR OLD.tier_id != NEW.tier_id BEGIN
                    UPDATE sales_counts SET tickets = tickets - 1 WHERE OLD.sold = 1 AND tier_id = OLD.tier_id AND status = OLD.status;
                    INSERT INTO sales_counts (event_id, tier_id, status, tickets) SELECT NEW.event_id, NEW.tier_id, NEW.status, 1 WHERE NEW.sold = 1
                    ON CONFLICT (tier_id, status) DO UPDATE SET tickets = tickets + 1;
                END;
                CREATE TRIGGER tickets_sold_removed AFTER DELETE ON tickets WHEN OLD.sold = 1 BEGIN
                    UPDATE sales_counts SET tickets = tickets - 1 WHERE tier_id = OLD.tier_id AND status = OLD.status;
                END;
                -- Payments and refunds are only ever inserted (a cash refund handed back changes
                -- no amount).
                CREATE TRIGGER payments_counted AFTER INSERT ON payments WHEN NEW.status = 'succeeded' AND NEW.event_id IS NOT NULL BEGIN
                    INSERT INTO money_counts (event_id, method, paid_minor, refunded_minor) VALUES (NEW.event_id, NEW.method, NEW.amount_minor, 0)
                    ON CONFLICT (event_id, method) DO UPDATE SET paid_minor = paid_minor + excluded.paid_minor;
                END;
                CREATE TRIGGER refunds_counted AFTER INSERT ON refunds WHEN NEW.event_id IS NOT NULL BEGIN
                    INSERT INTO money_counts (event_id, method, paid_minor, refunded_minor) VALUES (NEW.event_id, NEW.method, 0, NEW.amount_minor)
                    ON CONFLICT (event_id, method) DO UPDATE SET refunded_minor = refunded_minor + excluded.refunded_minor;
                END;
                -- A draft event deleted takes what was kept about it along.
                CREATE TRIGGER events_checkins_forgotten AFTER DELETE ON events BEGIN
                    DELETE FROM checkin_counts WHERE event_id = OLD.id;
                    DELETE FROM checkin_presence WHERE event_id = OLD.id;
                    DELETE FROM checkin_totals WHERE event_id = OLD.id;
                    DELETE FROM sales_counts WHERE event_id = OLD.id;
                    DELETE FROM money_counts WHERE event_id = OLD.id;
                END;
                """,
            postgres: """
                CREATE TABLE checkin_counts (
                    event_id TEXT NOT NULL,
                    checkin_list TEXT NOT NULL,
                    gate TEXT NOT NULL,
                    quarter BIGINT NOT NULL,
                    entries BIGINT NOT NULL,
                    exits BIGINT NOT NULL,
                    rejected BIGINT NOT NULL,
                    undone BIGINT NOT NULL,
                    PRIMARY KEY (event_id, checkin_list, gate, quarter)
                );
                CREATE TABLE checkin_presence (
                    ticket_id TEXT NOT NULL,
                    checkin_list TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    tier_id TEXT NOT NULL,
                    admission BIGINT NOT NULL,
                    countable BIGINT NOT NULL,
                    replaced_by TEXT,
                    entered BIGINT NOT NULL,
                    inside BIGINT NOT NULL,
                    since BIGINT NOT NULL,
                    gate TEXT NOT NULL,
                    PRIMARY KEY (ticket_id, checkin_list)
                );
                CREATE INDEX checkin_presence_inside ON checkin_presence(event_id, checkin_list) WHERE inside = 1 AND countable = 1;
                CREATE INDEX checkin_presence_replaced ON checkin_presence(event_id, checkin_list) WHERE entered = 1 AND replaced_by IS NOT NULL;
                CREATE TABLE checkin_totals (
                    event_id TEXT NOT NULL,
                    checkin_list TEXT NOT NULL,
                    tier_id TEXT NOT NULL,
                    admission BIGINT NOT NULL,
                    entered BIGINT NOT NULL,
                    inside BIGINT NOT NULL,
                    PRIMARY KEY (event_id, checkin_list, tier_id)
                );

                \(checkinCountsBackfill13)

                CREATE FUNCTION checkin_presence_refresh(p_ticket TEXT, p_list TEXT) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM checkin_presence WHERE ticket_id = p_ticket AND checkin_list = p_list;
                    INSERT INTO checkin_presence (ticket_id, checkin_list, event_id, tier_id, admission, countable, replaced_by, entered, inside, since, gate)
                    SELECT s.ticket_id, s.checkin_list, t.event_id, t.tier_id, t.admission,
                           CASE WHEN t.status IN ('valid', 'used') THEN 1 ELSE 0 END, t.replaced_by,
                           CASE WHEN EXISTS (SELECT 1 FROM scans e WHERE e.ticket_id = s.ticket_id AND e.checkin_list = s.checkin_list
                                             AND e.result = 'accepted' AND e.undone_at IS NULL AND e.direction = 'entry') THEN 1 ELSE 0 END,
                           CASE WHEN s.direction = 'entry' THEN 1 ELSE 0 END, s.scanned_at, s.gate
                    FROM scans s JOIN tickets t ON t.id = s.ticket_id
                    WHERE s.ticket_id = p_ticket AND s.checkin_list = p_list AND s.result = 'accepted' AND s.undone_at IS NULL
                    ORDER BY s.scanned_at DESC, s.rowid DESC LIMIT 1;
                END $$;
                CREATE FUNCTION scans_checkins_kept() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NEW.event_id IS NOT NULL THEN
                            INSERT INTO checkin_counts AS c (event_id, checkin_list, gate, quarter, entries, exits, rejected, undone)
                            VALUES (NEW.event_id, NEW.checkin_list, NEW.gate, (NEW.scanned_at / 900) * 900,
                                    CASE WHEN NEW.result = 'accepted' AND NEW.undone_at IS NULL AND NEW.direction = 'entry' THEN 1 ELSE 0 END,
                                    CASE WHEN NEW.result = 'accepted' AND NEW.undone_at IS NULL AND NEW.direction = 'exit' THEN 1 ELSE 0 END,
                                    CASE WHEN NEW.result = 'rejected' THEN 1 ELSE 0 END, CASE WHEN NEW.undone_at IS NOT NULL THEN 1 ELSE 0 END)
                            ON CONFLICT (event_id, checkin_list, gate, quarter) DO UPDATE SET
                                entries = c.entries + excluded.entries, exits = c.exits + excluded.exits,
                                rejected = c.rejected + excluded.rejected, undone = c.undone + excluded.undone;
                        END IF;
                        IF NEW.ticket_id IS NOT NULL AND NEW.result = 'accepted' AND NEW.undone_at IS NULL THEN
                            IF EXISTS (SELECT 1 FROM checkin_presence p WHERE p.ticket_id = NEW.ticket_id
                                       AND p.checkin_list = NEW.checkin_list AND p.since > NEW.scanned_at) THEN
                                PERFORM checkin_presence_refresh(NEW.ticket_id, NEW.checkin_list);
                            ELSE
                                INSERT INTO checkin_presence AS p (
                                    ticket_id, checkin_list, event_id, tier_id, admission, countable, replaced_by, entered, inside, since, gate)
                                SELECT NEW.ticket_id, NEW.checkin_list, t.event_id, t.tier_id, t.admission,
                                       CASE WHEN t.status IN ('valid', 'used') THEN 1 ELSE 0 END, t.replaced_by,
                                       CASE WHEN NEW.direction = 'entry' THEN 1 ELSE 0 END, CASE WHEN NEW.direction = 'entry' THEN 1 ELSE 0 END,
                                       NEW.scanned_at, NEW.gate
                                FROM tickets t WHERE t.id = NEW.ticket_id
                                ON CONFLICT (ticket_id, checkin_list) DO UPDATE SET
                                    entered = greatest(p.entered, excluded.entered), inside = excluded.inside, since = excluded.since,
                                    gate = excluded.gate;
                            END IF;
                        END IF;
                    ELSIF OLD.undone_at IS NULL AND NEW.undone_at IS NOT NULL THEN
                        IF OLD.event_id IS NOT NULL THEN
                            UPDATE checkin_counts SET
                                entries = entries - CASE WHEN OLD.result = 'accepted' AND OLD.direction = 'entry' THEN 1 ELSE 0 END,
                                exits = exits - CASE WHEN OLD.result = 'accepted' AND OLD.direction = 'exit' THEN 1 ELSE 0 END,
                                undone = undone + 1
                            WHERE event_id = OLD.event_id AND checkin_list = OLD.checkin_list AND gate = OLD.gate
                                  AND quarter = (OLD.scanned_at / 900) * 900;
                        END IF;
                        IF OLD.ticket_id IS NOT NULL AND OLD.result = 'accepted' THEN
                            PERFORM checkin_presence_refresh(OLD.ticket_id, OLD.checkin_list);
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER scans_checkins_kept AFTER INSERT OR UPDATE OF undone_at ON scans
                    FOR EACH ROW EXECUTE FUNCTION scans_checkins_kept();
                CREATE FUNCTION tickets_presence() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (OLD.status IN ('valid', 'used')) IS DISTINCT FROM (NEW.status IN ('valid', 'used'))
                       OR OLD.replaced_by IS DISTINCT FROM NEW.replaced_by THEN
                        UPDATE checkin_presence SET countable = CASE WHEN NEW.status IN ('valid', 'used') THEN 1 ELSE 0 END,
                               replaced_by = NEW.replaced_by
                        WHERE ticket_id = NEW.id;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tickets_presence AFTER UPDATE OF status, replaced_by ON tickets
                    FOR EACH ROW EXECUTE FUNCTION tickets_presence();
                CREATE FUNCTION checkin_presence_totals() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE checkin_totals SET entered = entered - OLD.countable * OLD.entered, inside = inside - OLD.countable * OLD.inside
                        WHERE event_id = OLD.event_id AND checkin_list = OLD.checkin_list AND tier_id = OLD.tier_id;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO checkin_totals AS c (event_id, checkin_list, tier_id, admission, entered, inside)
                        VALUES (NEW.event_id, NEW.checkin_list, NEW.tier_id, NEW.admission, NEW.countable * NEW.entered, NEW.countable * NEW.inside)
                        ON CONFLICT (event_id, checkin_list, tier_id) DO UPDATE SET
                            entered = c.entered + excluded.entered, inside = c.inside + excluded.inside;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER checkin_presence_totals AFTER INSERT OR UPDATE OR DELETE ON checkin_presence
                    FOR EACH ROW EXECUTE FUNCTION checkin_presence_totals();
                CREATE TABLE sales_counts (
                    event_id TEXT NOT NULL,
                    tier_id TEXT NOT NULL,
                    status TEXT NOT NULL,
                    tickets BIGINT NOT NULL,
                    PRIMARY KEY (tier_id, status)
                );
                CREATE TABLE money_counts (
                    event_id TEXT NOT NULL,
                    method TEXT NOT NULL,
                    paid_minor BIGINT NOT NULL,
                    refunded_minor BIGINT NOT NULL,
                    PRIMARY KEY (event_id, method)
                );
                \(salesBackfill13)
                CREATE FUNCTION tickets_sales_kept() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        IF OLD.sold = 1 THEN
                            UPDATE sales_counts SET tickets = tickets - 1 WHERE tier_id = OLD.tier_id AND status = OLD.status;
                        END IF;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        IF NEW.sold = 1 THEN
                            INSERT INTO sales_counts AS c (event_id, tier_id, status, tickets) VALUES (NEW.event_id, NEW.tier_id, NEW.status, 1)
                            ON CONFLICT (tier_id, status) DO UPDATE SET tickets = c.tickets + 1;
                        END IF;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tickets_sales_kept AFTER INSERT OR DELETE OR UPDATE OF sold, status, tier_id ON tickets
                    FOR EACH ROW EXECUTE FUNCTION tickets_sales_kept();
                CREATE FUNCTION money_kept() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'refunds' THEN
                        IF NEW.event_id IS NOT NULL THEN
                            INSERT INTO money_counts AS c (event_id, method, paid_minor, refunded_minor) VALUES (NEW.event_id, NEW.method, 0, NEW.amount_minor)
                            ON CONFLICT (event_id, method) DO UPDATE SET refunded_minor = c.refunded_minor + excluded.refunded_minor;
                        END IF;
                    ELSIF NEW.event_id IS NOT NULL AND NEW.status = 'succeeded' THEN
                        INSERT INTO money_counts AS c (event_id, method, paid_minor, refunded_minor) VALUES (NEW.event_id, NEW.method, NEW.amount_minor, 0)
                        ON CONFLICT (event_id, method) DO UPDATE SET paid_minor = c.paid_minor + excluded.paid_minor;
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER payments_counted AFTER INSERT ON payments FOR EACH ROW EXECUTE FUNCTION money_kept();
                CREATE TRIGGER refunds_counted AFTER INSERT ON refunds FOR EACH ROW EXECUTE FUNCTION money_kept();
                CREATE FUNCTION events_checkins_forgotten() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM checkin_counts WHERE event_id = OLD.id;
                    DELETE FROM checkin_presence WHERE event_id = OLD.id;
                    DELETE FROM checkin_totals WHERE event_id = OLD.id;
                    DELETE FROM sales_counts WHERE event_id = OLD.id;
                    DELETE FROM money_counts WHERE event_id = OLD.id;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER events_checkins_forgotten AFTER DELETE ON events
                    FOR EACH ROW EXECUTE FUNCTION events_checkins_forgotten();
                -- Presence of the scans already there, through the function the trigger calls.
                SELECT checkin_presence_refresh(ticket_id, checkin_list) FROM (
                    SELECT DISTINCT ticket_id, checkin_list FROM scans
                    WHERE ticket_id IS NOT NULL AND result = 'accepted' AND undone_at IS NULL) s;
                """),
        Step(
            version: 14, name: "who is inside, by name, from one index",
            sql: """
                -- `report checkins --inside` lists a festival's people by name: the presence row
                -- carries the ticket's name and reference, and one covering index holds the
                -- listing in its order (no ticket lookup, no sort of a million rows). A ticket's
                -- name and reference never change once written (a transfer makes a new ticket).
                -- The totals move only with what they count: naming a row leaves them alone.
                DROP TRIGGER checkin_presence_changed;
                CREATE TRIGGER checkin_presence_changed AFTER UPDATE OF countable, entered, inside ON checkin_presence BEGIN
                    UPDATE checkin_totals SET
                        entered = entered - OLD.countable * OLD.entered + NEW.countable * NEW.entered,
                        inside = inside - OLD.countable * OLD.inside + NEW.countable * NEW.inside
                    WHERE event_id = NEW.event_id AND checkin_list = NEW.checkin_list AND tier_id = NEW.tier_id;
                END;
                ALTER TABLE checkin_presence ADD COLUMN attendee_name TEXT NOT NULL DEFAULT '';
                ALTER TABLE checkin_presence ADD COLUMN reference TEXT;
                UPDATE checkin_presence SET (attendee_name, reference) =
                    (SELECT t.attendee_name, t.reference FROM tickets t WHERE t.id = checkin_presence.ticket_id);
                -- Every presence row is written by step 13's triggers without a name: named here,
                -- once, when it is first written (the row's page is already the commit's).
                CREATE TRIGGER checkin_presence_named AFTER INSERT ON checkin_presence BEGIN
                    UPDATE checkin_presence SET (attendee_name, reference) =
                        (SELECT t.attendee_name, t.reference FROM tickets t WHERE t.id = NEW.ticket_id)
                    WHERE ticket_id = NEW.ticket_id AND checkin_list = NEW.checkin_list;
                END;
                DROP INDEX checkin_presence_inside;
                -- inside and countable are in the key too: without them SQLite reads the row to
                -- check the partial index's own condition.
                CREATE INDEX checkin_presence_inside ON checkin_presence(
                    event_id, checkin_list, attendee_name COLLATE NOCASE, ticket_id, reference, tier_id, admission, since, gate, inside, countable)
                WHERE inside = 1 AND countable = 1;
                """,
            postgres: """
                DROP TRIGGER checkin_presence_totals ON checkin_presence;
                CREATE TRIGGER checkin_presence_totals AFTER INSERT OR DELETE OR UPDATE OF countable, entered, inside ON checkin_presence
                    FOR EACH ROW EXECUTE FUNCTION checkin_presence_totals();
                ALTER TABLE checkin_presence ADD COLUMN attendee_name TEXT NOT NULL DEFAULT '';
                ALTER TABLE checkin_presence ADD COLUMN reference TEXT;
                UPDATE checkin_presence k SET attendee_name = t.attendee_name, reference = t.reference FROM tickets t WHERE t.id = k.ticket_id;
                CREATE FUNCTION checkin_presence_named() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    SELECT t.attendee_name, t.reference INTO NEW.attendee_name, NEW.reference FROM tickets t WHERE t.id = NEW.ticket_id;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER checkin_presence_named BEFORE INSERT ON checkin_presence
                    FOR EACH ROW EXECUTE FUNCTION checkin_presence_named();
                DROP INDEX checkin_presence_inside;
                CREATE INDEX checkin_presence_inside ON checkin_presence(event_id, checkin_list, attendee_name COLLATE nocase, ticket_id)
                    INCLUDE (reference, tier_id, admission, since, gate) WHERE inside = 1 AND countable = 1;
                """),
    ]

    static var latestVersion: Int { steps.last!.version }

    /// Step 13's backfills (and the sales indexes they replace), the same SQL on both engines. Part of step 13's text: frozen with it.
    private static let checkinCountsBackfill13 = """
        INSERT INTO checkin_counts (event_id, checkin_list, gate, quarter, entries, exits, rejected, undone)
                        SELECT event_id, checkin_list, gate, (scanned_at / 900) * 900,
                               count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'entry'),
                               count(*) FILTER (WHERE result = 'accepted' AND undone_at IS NULL AND direction = 'exit'),
                               count(*) FILTER (WHERE result = 'rejected'), count(*) FILTER (WHERE undone_at IS NOT NULL)
                        FROM scans WHERE event_id IS NOT NULL GROUP BY event_id, checkin_list, gate, (scanned_at / 900) * 900;
        """
    private static let salesBackfill13 = """
        INSERT INTO sales_counts (event_id, tier_id, status, tickets)
                        SELECT event_id, tier_id, status, count(*) FROM tickets WHERE sold = 1 GROUP BY event_id, tier_id, status;
                        INSERT INTO money_counts (event_id, method, paid_minor, refunded_minor)
                        SELECT event_id, method, sum(paid), sum(refunded) FROM (
                            SELECT event_id, method, amount_minor AS paid, 0 AS refunded FROM payments WHERE status = 'succeeded' AND event_id IS NOT NULL
                            UNION ALL
                            SELECT event_id, method, 0, amount_minor FROM refunds WHERE event_id IS NOT NULL) m
                        GROUP BY event_id, method;
                        -- What report sales read until now, no longer read: one index fewer to move
                        -- for each ticket written or scanned in, and each payment and refund.
                        DROP INDEX tickets_sales;
                        DROP INDEX payments_by_event;
                        DROP INDEX refunds_by_event;
        """

    /// Step 13's SQLite trigger body recomputing one ticket's presence on a list from its
    /// standing scans, for the scan `row` names (NEW as one is inserted, OLD as one is
    /// undone). Part of step 13's text: frozen with it.
    private static func presenceRefresh13(_ row: String) -> String {
        """
        DELETE FROM checkin_presence WHERE ticket_id = \(row).ticket_id AND checkin_list = \(row).checkin_list;
                            INSERT INTO checkin_presence (ticket_id, checkin_list, event_id, tier_id, admission, countable, replaced_by, entered, inside, since, gate)
                            SELECT s.ticket_id, s.checkin_list, t.event_id, t.tier_id, t.admission, t.status IN ('valid', 'used'), t.replaced_by,
                                   EXISTS (SELECT 1 FROM scans e WHERE e.ticket_id = s.ticket_id AND e.checkin_list = s.checkin_list
                                           AND e.result = 'accepted' AND e.undone_at IS NULL AND e.direction = 'entry'),
                                   s.direction = 'entry', s.scanned_at, s.gate
                            FROM scans s JOIN tickets t ON t.id = s.ticket_id
                            WHERE s.ticket_id = \(row).ticket_id AND s.checkin_list = \(row).checkin_list AND s.result = 'accepted' AND s.undone_at IS NULL
                            ORDER BY s.scanned_at DESC, s.rowid DESC LIMIT 1;
        """
    }
}

/// The Swift halves of migrations: values SQL cannot compute.
enum Backfill {
    /// Accounts made before addresses were kept in NFC whose addresses print the same: left
    /// as they are (merging accounts is a person's decision), recorded as an
    /// `users.look_alikes_found` domain event per set, and reported by `doctor`.
    static func lookAlikeAccounts(_ db: SQLiteConnection) throws {
        var byForm: [String: [String]] = [:]
        for row in try db.rows("SELECT id, email FROM users ORDER BY created_at") {
            byForm[EmailAddress.folded(try row.string("email")), default: []].append(try row.string("id"))
        }
        for (form, ids) in byForm where ids.count > 1 {
            let data = String(decoding: try JSONEncoder().encode(["address": form, "accounts": ids.joined(separator: ",")]), as: UTF8.self)
            try db.execute(
                "INSERT INTO domain_events (type, subject_id, actor_id, data, occurred_at) VALUES (?, ?, NULL, ?, ?)",
                "users.look_alikes_found", ids[0], data, Int64(Date().timeIntervalSince1970))
        }
    }

    static func referencesAndSearchText(_ db: SQLiteConnection) throws {
        var taken = Set<String>()
        let rows = try db.rows(
            """
            SELECT t.id, t.attendee_name, t.attendee_email, o.buyer_name, o.buyer_email
            FROM tickets t JOIN orders o ON o.id = t.order_id
            """)
        for row in rows {
            var reference = TicketReference.make()
            while !taken.insert(reference).inserted { reference = TicketReference.make() }
            let search = TicketSearch.text(
                attendee: Attendee(name: try row.string("attendee_name"), email: try row.string("attendee_email")),
                buyer: Attendee(name: try row.string("buyer_name"), email: try row.string("buyer_email")))
            try db.execute("UPDATE tickets SET reference = ?, search_text = ? WHERE id = ?", reference, search, row.string("id"))
        }
    }
}
