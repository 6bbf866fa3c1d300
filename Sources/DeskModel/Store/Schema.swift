import GRDB

/// The whole schema history of a desk database. Migrations are only ever appended.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-foundation", migrate: foundation)
        m.registerMigration("v2-lifecycle-routing", migrate: lifecycleAndRouting)
        m.registerMigration("v3-sla", migrate: sla)
        m.registerMigration("v4-sla-queue", migrate: slaQueue)
        m.registerMigration("v5-escalation", migrate: escalation)
        m.registerMigration("v6-replies", migrate: replies)
        m.registerMigration("v7-intake", migrate: intake)
        m.registerMigration("v8-deferred-index", migrate: deferredIndex)
        m.registerMigration("v9-check-lists", migrate: checksWithoutLists)
        m.registerMigration("v10-queue-counts-for-early-databases", migrate: queueCountsForEarlyDatabases)
        m.registerMigration("v11-change-bases", migrate: changeBases)
        m.registerMigration("v12-notifications", migrate: notifications)
        m.registerMigration("v13-bounces", migrate: bounces)
        m.registerMigration("v14-scheduled-checks", migrate: scheduledChecks)
        m.registerMigration("v15-sla-board-counts", migrate: slaBoardCounts)
        return m
    }

    private static func foundation(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE organizations (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                    domain TEXT
                );
                CREATE TABLE branches (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
                    tier TEXT NOT NULL CHECK (tier IN ('tier1','tier2','engineering'))
                );
                CREATE TABLE agents (
                    id INTEGER PRIMARY KEY,
                    handle TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (handle GLOB '[A-Za-z0-9_.-]*' AND length(handle) BETWEEN 1 AND 40),
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('agent','specialist','lead','admin')),
                    tier INTEGER NOT NULL CHECK (tier IN (1,2,3)),
                    branchId INTEGER REFERENCES branches(id) ON DELETE SET NULL
                );
                CREATE TABLE customers (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '%_@_%'),
                    name TEXT NOT NULL,
                    tier TEXT NOT NULL DEFAULT 'standard' CHECK (tier IN ('standard','priority','vip','strategic')),
                    organizationId INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
                    accountOwnerId INTEGER REFERENCES agents(id) ON DELETE SET NULL,
                    timeZone TEXT NOT NULL DEFAULT 'UTC'
                );
                CREATE INDEX customers_organization ON customers(organizationId);
                CREATE TABLE tickets (
                    id INTEGER PRIMARY KEY,
                    subject TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('new','open','pending','on-hold','solved','closed')),
                    priority TEXT NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
                    channel TEXT NOT NULL CHECK (channel IN ('email','chat','web','phone')),
                    productArea TEXT,
                    tags TEXT NOT NULL DEFAULT '',
                    branchId INTEGER REFERENCES branches(id),
                    assigneeId INTEGER REFERENCES agents(id),
                    customerId INTEGER NOT NULL REFERENCES customers(id),
                    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL CHECK (updatedAt >= createdAt),
                    solvedAt INTEGER,
                    closedAt INTEGER
                );
                -- The queue pages: newest activity first, overall and per view. Each index carries the
                -- columns the views filter on, so paging and counting never touch the table.
                CREATE INDEX tickets_queue ON tickets(updatedAt DESC, id DESC, status, assigneeId, customerId);
                CREATE INDEX tickets_assignee_queue ON tickets(assigneeId, updatedAt DESC, id DESC, status, customerId);
                CREATE INDEX tickets_status_queue ON tickets(status, updatedAt DESC, id DESC);
                CREATE INDEX tickets_customer ON tickets(customerId, createdAt DESC);
                CREATE INDEX tickets_branch ON tickets(branchId, status);
                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    authorKind TEXT NOT NULL CHECK (authorKind IN ('customer','agent','system')),
                    agentId INTEGER REFERENCES agents(id),
                    customerId INTEGER REFERENCES customers(id),
                    visibility TEXT NOT NULL CHECK (visibility IN ('public','internal')),
                    channel TEXT NOT NULL CHECK (channel IN ('email','chat','web','phone')),
                    body TEXT NOT NULL,
                    messageIdHeader TEXT,
                    inReplyTo TEXT,
                    "references" TEXT,
                    createdAt INTEGER NOT NULL,
                    -- Customers never write internal notes; agents' messages name the agent.
                    CHECK (NOT (authorKind = 'customer' AND visibility = 'internal')),
                    CHECK (authorKind <> 'agent' OR agentId IS NOT NULL),
                    CHECK (authorKind <> 'customer' OR customerId IS NOT NULL)
                );
                CREATE INDEX messages_ticket ON messages(ticketId, createdAt, id);
                CREATE UNIQUE INDEX messages_message_id ON messages(messageIdHeader) WHERE messageIdHeader IS NOT NULL;
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER REFERENCES tickets(id) ON DELETE CASCADE,
                    actorId INTEGER REFERENCES agents(id),
                    kind TEXT NOT NULL CHECK (length(kind) > 0),
                    data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX events_ticket ON events(ticketId, id);
                CREATE INDEX events_kind_time ON events(kind, createdAt);
                CREATE TABLE templates (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    body TEXT NOT NULL,
                    tags TEXT NOT NULL DEFAULT '',
                    productArea TEXT,
                    branchId INTEGER REFERENCES branches(id) ON DELETE SET NULL,
                    ownerId INTEGER REFERENCES agents(id) ON DELETE SET NULL,
                    lastReviewedAt INTEGER,
                    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1))
                );
                CREATE TABLE escalations (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    fromBranchId INTEGER REFERENCES branches(id),
                    fromAgentId INTEGER REFERENCES agents(id),
                    toBranchId INTEGER NOT NULL REFERENCES branches(id),
                    toAgentId INTEGER REFERENCES agents(id),
                    state TEXT NOT NULL CHECK (state IN ('requested','accepted','returned','resolved','withdrawn')),
                    triggers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(triggers)),
                    package TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(package)),
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL
                );
                CREATE INDEX escalations_ticket ON escalations(ticketId);
                CREATE INDEX escalations_state ON escalations(state, toBranchId);
                CREATE TABLE drafts (
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    agentId INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    mode TEXT NOT NULL DEFAULT 'reply' CHECK (mode IN ('reply','note')),
                    body TEXT NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    PRIMARY KEY (ticketId, agentId)
                );
                -- Full-text index over subjects for the queue filter; kept in step by triggers.
                -- Prefix indexes of 1 and 2 characters keep the first keystrokes of a filter fast.
                CREATE VIRTUAL TABLE ticket_fts USING fts5(subject, content='tickets', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1 2');
                CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
                    INSERT INTO ticket_fts(rowid, subject) VALUES (new.id, new.subject);
                END;
                CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
                    INSERT INTO ticket_fts(ticket_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
                END;
                CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject ON tickets BEGIN
                    INSERT INTO ticket_fts(ticket_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
                    INSERT INTO ticket_fts(rowid, subject) VALUES (new.id, new.subject);
                END;
                """)
        try db.execute(sql: queueCountsSQL)
    }

    /// Routing decisions, merges and links, agent availability, round-robin state and presence.
    private static func lifecycleAndRouting(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The rule that routed the ticket ('default' when none matched), and the facts rules read.
                ALTER TABLE tickets ADD COLUMN routedBy TEXT;
                ALTER TABLE tickets ADD COLUMN recipient TEXT;
                ALTER TABLE tickets ADD COLUMN language TEXT;
                -- A merged duplicate points at the ticket that survived.
                ALTER TABLE tickets ADD COLUMN mergedIntoId INTEGER REFERENCES tickets(id);
                CREATE INDEX tickets_solved ON tickets(solvedAt) WHERE status = 'solved';
                -- The customer panel lists and counts a customer's recent and open tickets from the
                -- index alone, however many tickets the customer has.
                DROP INDEX tickets_customer;
                CREATE INDEX tickets_customer ON tickets(customerId, createdAt DESC, status, productArea);
                CREATE TABLE ticket_links (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    otherId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('related','follow-up','merged')),
                    createdAt INTEGER NOT NULL,
                    CHECK (ticketId <> otherId),
                    UNIQUE (ticketId, otherId, kind)
                );
                CREATE INDEX ticket_links_other ON ticket_links(otherId);
                -- Automatic assignment passes over agents who are away.
                ALTER TABLE agents ADD COLUMN available INTEGER NOT NULL DEFAULT 1 CHECK (available IN (0,1));
                -- Round-robin: who in the branch got the last automatically assigned ticket.
                CREATE TABLE branch_rotation (
                    branchId INTEGER PRIMARY KEY REFERENCES branches(id) ON DELETE CASCADE,
                    lastAgentId INTEGER REFERENCES agents(id) ON DELETE SET NULL
                );
                -- Who has which ticket open, and whether they are writing; stale after 30 s.
                CREATE TABLE presence (
                    agentId INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    writing INTEGER NOT NULL DEFAULT 0 CHECK (writing IN (0,1)),
                    seenAt INTEGER NOT NULL,
                    PRIMARY KEY (agentId, ticketId)
                ) WITHOUT ROWID;
                CREATE INDEX presence_ticket ON presence(ticketId, seenAt);
                """)
    }

    private static func sla(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The SLA policy that applies (recorded when it first matches), and derived from it in the
                -- same transaction as every write: the earliest pending deadline, when that target turns
                -- "at risk", and whether the nearest target is paused. The queue and the board sort and
                -- colour by these without evaluating SLA per ticket.
                ALTER TABLE tickets ADD COLUMN slaPolicy TEXT;
                ALTER TABLE tickets ADD COLUMN slaDueAt INTEGER;
                ALTER TABLE tickets ADD COLUMN slaWarnAt INTEGER;
                ALTER TABLE tickets ADD COLUMN slaPaused INTEGER NOT NULL DEFAULT 0 CHECK (slaPaused IN (0,1));
                CREATE INDEX tickets_sla_due ON tickets(slaDueAt) WHERE slaDueAt IS NOT NULL;
                """)
    }

    private static func slaQueue(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Which target the stored deadline belongs to, so the queue counts it down in that
                -- target's own time (business or calendar) without evaluating the ticket.
                ALTER TABLE tickets ADD COLUMN slaDueTarget TEXT
                    CHECK (slaDueTarget IN ('first_reply','next_reply','periodic_update','resolution'));
                -- The queue's "SLA" order: nearest deadline first, tickets with none (paused, met, no
                -- policy) last. A generated column so the order and its index are one named thing.
                ALTER TABLE tickets ADD COLUMN slaRank INTEGER
                    GENERATED ALWAYS AS (COALESCE(slaDueAt, 9223372036854775807)) VIRTUAL;
                DROP INDEX tickets_sla_due;
                CREATE INDEX tickets_sla_queue ON tickets(slaRank, id, status, assigneeId, customerId);
                CREATE INDEX tickets_assignee_sla_queue ON tickets(assigneeId, slaRank, id, status, customerId);
                -- The SLA board: unsolved tickets per branch and owner (0 = none) and how many are paused,
                -- kept exact by triggers; breached and at-risk counts depend on the clock, so they are
                -- counted per group from a range of this index (only unsolved tickets are in it).
                DROP INDEX tickets_branch;
                CREATE INDEX tickets_sla_open ON tickets(branchId, assigneeId, slaDueAt, slaWarnAt, slaPaused, customerId)
                    WHERE status NOT IN ('solved','closed');
                CREATE TABLE sla_load (
                    branch INTEGER NOT NULL,
                    assignee INTEGER NOT NULL,
                    open INTEGER NOT NULL CHECK (open >= 0),
                    paused INTEGER NOT NULL CHECK (paused >= 0),
                    PRIMARY KEY (branch, assignee)
                ) WITHOUT ROWID;
                INSERT INTO sla_load
                    SELECT COALESCE(branchId, 0), COALESCE(assigneeId, 0), count(*), sum(slaPaused) FROM tickets
                    WHERE status NOT IN ('solved','closed') GROUP BY 1, 2;
                CREATE TRIGGER sla_load_insert AFTER INSERT ON tickets WHEN new.status NOT IN ('solved','closed') BEGIN
                    INSERT INTO sla_load VALUES (COALESCE(new.branchId, 0), COALESCE(new.assigneeId, 0), 1, new.slaPaused)
                    ON CONFLICT(branch, assignee) DO UPDATE SET open = open + 1, paused = paused + excluded.paused;
                END;
                CREATE TRIGGER sla_load_delete AFTER DELETE ON tickets WHEN old.status NOT IN ('solved','closed') BEGIN
                    UPDATE sla_load SET open = open - 1, paused = paused - old.slaPaused
                    WHERE branch = COALESCE(old.branchId, 0) AND assignee = COALESCE(old.assigneeId, 0);
                END;
                CREATE TRIGGER sla_load_update AFTER UPDATE OF status, branchId, assigneeId, slaPaused ON tickets BEGIN
                    UPDATE sla_load SET open = open - 1, paused = paused - old.slaPaused
                    WHERE old.status NOT IN ('solved','closed')
                      AND branch = COALESCE(old.branchId, 0) AND assignee = COALESCE(old.assigneeId, 0);
                    INSERT INTO sla_load
                        SELECT COALESCE(new.branchId, 0), COALESCE(new.assigneeId, 0), 1, new.slaPaused
                        WHERE new.status NOT IN ('solved','closed')
                    ON CONFLICT(branch, assignee) DO UPDATE SET open = open + 1, paused = paused + excluded.paused;
                END;
                """)
    }

    /// Severity and its facts, repro notes, the escalation lifecycle's timestamps, stored
    /// triggers and incidents.
    private static func escalation(_ db: Database) throws {
        try db.execute(
            sql: """
                -- What the severity rubric reads, and what it (or the agent, with a reason) decided.
                ALTER TABLE tickets ADD COLUMN impact TEXT CHECK (impact IN ('single','team','organization'));
                ALTER TABLE tickets ADD COLUMN workaround TEXT CHECK (workaround IN ('yes','no','unknown'));
                ALTER TABLE tickets ADD COLUMN severity TEXT CHECK (severity IN ('sev1','sev2','sev3','sev4'));
                ALTER TABLE tickets ADD COLUMN severityRule TEXT;
                ALTER TABLE tickets ADD COLUMN severityOverride TEXT;
                -- Internal notes the agent marked as reproduction steps (the package's repro source).
                ALTER TABLE messages ADD COLUMN repro INTEGER NOT NULL DEFAULT 0 CHECK (repro IN (0,1));
                CREATE INDEX messages_repro ON messages(ticketId) WHERE repro = 1;
                -- Each step of an escalation has its own time; `reason` is why it was returned,
                -- resolved or withdrawn; `late` when a trigger had waited past the policy's window.
                ALTER TABLE escalations ADD COLUMN acceptedAt INTEGER;
                ALTER TABLE escalations ADD COLUMN acceptedById INTEGER REFERENCES agents(id);
                ALTER TABLE escalations ADD COLUMN returnedAt INTEGER;
                ALTER TABLE escalations ADD COLUMN resolvedAt INTEGER;
                ALTER TABLE escalations ADD COLUMN withdrawnAt INTEGER;
                ALTER TABLE escalations ADD COLUMN reason TEXT;
                ALTER TABLE escalations ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0,1));
                CREATE INDEX escalations_created ON escalations(createdAt);
                -- Triggers as they fire and clear; one active row per ticket and kind.
                CREATE TABLE ticket_triggers (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('severity','account','sla-at-risk','repeated','unclear-handoff','incident')),
                    reason TEXT NOT NULL,
                    source TEXT NOT NULL,
                    firedAt INTEGER NOT NULL,
                    actedAt INTEGER,
                    clearedAt INTEGER
                );
                CREATE UNIQUE INDEX ticket_triggers_active ON ticket_triggers(ticketId, kind) WHERE clearedAt IS NULL;
                -- The lead's "late" list: active triggers nobody acted on, oldest first.
                CREATE INDEX ticket_triggers_waiting ON ticket_triggers(firedAt) WHERE clearedAt IS NULL AND actedAt IS NULL;
                CREATE TABLE incidents (
                    id INTEGER PRIMARY KEY,
                    tag TEXT NOT NULL UNIQUE CHECK (length(tag) > 0),
                    title TEXT NOT NULL,
                    openedAt INTEGER NOT NULL,
                    closedAt INTEGER
                );
                """)
    }

    /// Macro actions on templates, template full-text search, what a draft carries, ticket custom
    /// fields, and the outbound mail queue.
    private static func replies(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE templates ADD COLUMN actions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(actions));
                -- Suggestions rank templates with bm25 over these columns; kept in step by triggers.
                CREATE VIRTUAL TABLE template_fts USING fts5(name, body, tags, productArea, tokenize = 'porter unicode61');
                INSERT INTO template_fts(rowid, name, body, tags, productArea)
                    SELECT id, replace(name, '-', ' '), body, replace(tags, ',', ' '), coalesce(productArea, '') FROM templates;
                CREATE TRIGGER templates_fts_insert AFTER INSERT ON templates BEGIN
                    INSERT INTO template_fts(rowid, name, body, tags, productArea)
                    VALUES (new.id, replace(new.name, '-', ' '), new.body, replace(new.tags, ',', ' '), coalesce(new.productArea, ''));
                END;
                CREATE TRIGGER templates_fts_delete AFTER DELETE ON templates BEGIN
                    DELETE FROM template_fts WHERE rowid = old.id;
                END;
                CREATE TRIGGER templates_fts_update AFTER UPDATE OF name, body, tags, productArea ON templates BEGIN
                    DELETE FROM template_fts WHERE rowid = old.id;
                    INSERT INTO template_fts(rowid, name, body, tags, productArea)
                    VALUES (new.id, replace(new.name, '-', ' '), new.body, replace(new.tags, ',', ' '), coalesce(new.productArea, ''));
                END;
                -- The templates a draft used (for usage on send) and a macro's staged actions.
                ALTER TABLE drafts ADD COLUMN templateIds TEXT NOT NULL DEFAULT '';
                ALTER TABLE drafts ADD COLUMN actions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(actions));
                -- Values of the policy's custom fields ({{custom.NAME}} placeholders).
                ALTER TABLE tickets ADD COLUMN fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields));
                -- Composed replies waiting for, or done with, delivery. Nothing leaves this table:
                -- a failure stays queued with its error until `desk outbox retry`.
                CREATE TABLE outbound (
                    id INTEGER PRIMARY KEY,
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    messageId INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    state TEXT NOT NULL CHECK (state IN ('queued','failed','sent')),
                    recipient TEXT NOT NULL,
                    messageIdHeader TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    lastError TEXT,
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    sentAt INTEGER
                );
                CREATE INDEX outbound_pending ON outbound(state, id) WHERE state <> 'sent';
                CREATE INDEX outbound_ticket ON outbound(ticketId);
                """)
    }

    /// Events record the ticket version they were written at, and a draft the version it began
    /// from: a write is judged on what its agent saw (Desk+Conflicts.swift).
    private static func changeBases(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE events ADD COLUMN ticketVersion INTEGER CHECK (ticketVersion >= 1);
                ALTER TABLE drafts ADD COLUMN baseVersion INTEGER CHECK (baseVersion >= 1);
                -- Since when an agent has been writing on the ticket ("Farid is writing a reply, started 1 min ago").
                ALTER TABLE presence ADD COLUMN writingSince INTEGER;
                """)
    }
}
