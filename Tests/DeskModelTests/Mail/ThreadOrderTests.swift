import GRDB
import XCTest

@testable import DeskModel

/// The tickets a set of mail makes do not depend on the order it arrives in: in order, reversed
/// and shuffled, one at a time or in one batch, every thread ends up on one ticket of its own.
final class ThreadOrderTests: XCTestCase {
    /// Mail of one thread: its Message-ID and what it names (In-Reply-To, References oldest first).
    struct Node {
        var id: String
        var inReplyTo: String?
        var references: [String]
    }

    /// Five threads, as mail clients write them (References carries the chain from the root).
    /// `*` marks a root desk never receives: a list's patch mail, a tracker's ticket root.
    static let threads: [[Node]] = [
        // A plain conversation with a branch: root, two replies to it, a reply to each.
        tree("t1", ["r": nil, "a": "r", "b": "r", "aa": "a", "bb": "b"], order: ["r", "a", "b", "aa", "bb"]),
        // Replies to a patch mail that never reached desk.
        tree("t2", ["*p": nil, "x": "p", "y": "p", "xy": "x", "z": "p"], order: ["x", "y", "xy", "z"]),
        // A tracker's notifications that name only the tracker's root.
        tree("t3", ["*root": nil, "ack": "root", "update": "root", "resolved": "root"], order: ["ack", "update", "resolved"]),
        // A long chain.
        tree("t4", ["1": nil, "2": "1", "3": "2", "4": "3", "5": "4", "6": "5"], order: ["1", "2", "3", "4", "5", "6"]),
        // A root with many direct replies (In-Reply-To only, no References).
        tree(
            "t5", ["q": nil, "q1": "q", "q2": "q", "q3": "q", "q4": "q"], order: ["q", "q1", "q2", "q3", "q4"], referencesOmitted: true),
    ]

    /// Builds a thread from parent links: each mail names its parent in In-Reply-To and the chain
    /// from the root in References (unless `referencesOmitted`). Ids starting `*` are never sent.
    static func tree(_ name: String, _ parents: [String: String?], order: [String], referencesOmitted: Bool = false) -> [Node] {
        func mid(_ key: String) -> String { "<\(name)-\(key.replacingOccurrences(of: "*", with: ""))@x>" }
        func parent(_ key: String) -> String? {
            parents[key].flatMap { $0 }.map { p in parents.keys.contains("*" + p) ? "*" + p : p }
        }
        func chain(_ key: String) -> [String] {
            guard let p = parent(key) else { return [] }
            return chain(p) + [mid(p)]
        }
        return order.map { key in
            Node(
                id: mid(key), inReplyTo: parent(key).map(mid),
                references: referencesOmitted ? [] : chain(key))
        }
    }

    static func mail(_ node: Node, thread: Int) -> InboundMail {
        MailThreadingTests.eml(
            node.id, from: "Customer \(thread) <c\(thread)@example.com>", subject: "Thread \(thread)",
            inReplyTo: node.inReplyTo, references: node.references.isEmpty ? nil : node.references.joined(separator: " "),
            body: "Message \(node.id)")
    }

    static var allMail: [InboundMail] {
        threads.enumerated().flatMap { t, nodes in nodes.map { mail($0, thread: t) } }
    }

    /// Which mail share a ticket: the Message-IDs grouped by ticket, in a comparable form.
    func partition(_ mails: [InboundMail], oneBatch: Bool) throws -> Set<Set<String>> {
        let (desk, _, _) = try makeDesk()
        if oneBatch {
            _ = try desk.importMail(mails)
        } else {
            for m in mails { _ = try desk.importMail([m]) }
        }
        let rows = try desk.db.read {
            try Row.fetchAll($0, sql: "SELECT ticketId, messageIdHeader FROM messages WHERE authorKind = 'customer'")
        }
        var byTicket: [Int64: Set<String>] = [:]
        for row in rows { byTicket[row["ticketId"], default: []].insert(row["messageIdHeader"]) }
        return Set(byTicket.values)
    }

    func testEveryThreadIsOneTicketInOrder() throws {
        let expected = Set(Self.threads.map { Set($0.map(\.id)) })
        XCTAssertEqual(try partition(Self.allMail, oneBatch: false), expected)
        XCTAssertEqual(try partition(Self.allMail, oneBatch: true), expected)
    }

    func testReverseOrderGivesTheSameTickets() throws {
        let inOrder = try partition(Self.allMail, oneBatch: false)
        XCTAssertEqual(try partition(Self.allMail.reversed(), oneBatch: false), inOrder)
        XCTAssertEqual(try partition(Self.allMail.reversed(), oneBatch: true), inOrder)
    }

    func testShuffledOrdersGiveTheSameTickets() throws {
        let inOrder = try partition(Self.allMail, oneBatch: false)
        var rng = SeededRandom(seed: 20)
        for round in 0..<12 {
            let shuffled = Self.allMail.shuffled(using: &rng)
            XCTAssertEqual(
                try partition(shuffled, oneBatch: round.isMultiple(of: 2)), inOrder,
                "round \(round): \(shuffled.compactMap(\.messageId).joined(separator: " "))")
        }
    }
}
