import GRDB

extension Schema {
    /// Mail, chat, web and phone intake: what a message carried besides its text, the ids that
    /// thread mail, attachments, external conversations, and full-text search over bodies.
    static func intake(_ db: Database) throws {
        try db.execute(
            sql: """
                -- The quoted history a mail client put under the new text (folded on screen).
                ALTER TABLE messages ADD COLUMN quoted TEXT;
                -- Sent by a machine (auto-reply, bulk, bounce): recorded, never acted on.
                ALTER TABLE messages ADD COLUMN auto TEXT CHECK (auto IN ('auto-reply','bulk','bounce'));
                -- SHA-256 of the raw mail: the identity of a mail that has no Message-ID.
                ALTER TABLE messages ADD COLUMN contentHash TEXT;
                -- Who it came from and what else the channel said (sender, call duration and outcome …).
                ALTER TABLE messages ADD COLUMN meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta));
                CREATE UNIQUE INDEX messages_content_hash ON messages(contentHash) WHERE contentHash IS NOT NULL;
                -- Every Message-ID a stored mail names in In-Reply-To/References: a parent that
                -- arrives after its reply finds the reply's ticket here.
                CREATE TABLE message_refs (
                    messageId INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    ref TEXT NOT NULL
                );
                CREATE INDEX message_refs_ref ON message_refs(ref);
                CREATE INDEX message_refs_message ON message_refs(messageId);
                CREATE TABLE attachments (
                    id INTEGER PRIMARY KEY,
                    messageId INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    contentType TEXT NOT NULL,
                    size INTEGER NOT NULL CHECK (size >= 0),
                    data BLOB NOT NULL
                );
                CREATE INDEX attachments_message ON attachments(messageId);
                -- A chat or web-form conversation is one ticket, whatever order its lines arrive in.
                CREATE TABLE conversations (
                    channel TEXT NOT NULL CHECK (channel IN ('email','chat','web','phone')),
                    externalId TEXT NOT NULL CHECK (length(externalId) > 0),
                    ticketId INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                    PRIMARY KEY (channel, externalId)
                ) WITHOUT ROWID;
                -- Full-text search over message bodies, kept in step by triggers.
                CREATE VIRTUAL TABLE message_fts USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                    INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
                END;
                CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                    INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
                END;
                CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
                    INSERT INTO message_fts(message_fts, rowid, body) VALUES ('delete', old.id, old.body);
                    INSERT INTO message_fts(rowid, body) VALUES (new.id, new.body);
                END;
                INSERT INTO message_fts(message_fts) VALUES ('rebuild');
                """)
    }
}
