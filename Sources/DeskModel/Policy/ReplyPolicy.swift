/// Replies and templates: custom fields placeholders may name, what marks text as internal-only,
/// and when a template counts as stale.
public struct ReplyPolicy: Sendable, Equatable {
    /// Ticket custom fields (`custom.NAME` placeholders).
    public var customFields: [String]
    /// Text that must not reach a customer unconfirmed: a public reply containing one asks first.
    public var internalMarkers: [String]
    /// A template not reviewed in this many days is stale.
    public var staleReviewDays: Int
    /// A template not used in this many days is stale.
    public var staleUnusedDays: Int

    public init(
        customFields: [String] = [], internalMarkers: [String] = ReplyPolicy.defaultMarkers, staleReviewDays: Int = 180,
        staleUnusedDays: Int = 90
    ) {
        self.customFields = customFields; self.internalMarkers = internalMarkers
        self.staleReviewDays = staleReviewDays; self.staleUnusedDays = staleUnusedDays
    }

    public static let defaultMarkers = ["[internal]", "INTERNAL:", "do not share", "agents only"]

    /// The first internal-only marker in a text (ignoring case), if any.
    public func internalMarker(in text: String) -> String? {
        let lower = text.lowercased()
        return internalMarkers.first { lower.contains($0.lowercased()) }
    }
}

/// How a sent public reply on an email ticket leaves: addresses, Message-ID domain, delivery.
public struct MailPolicy: Sendable, Equatable {
    public enum Delivery: Sendable, Equatable {
        /// A sendmail-compatible command as an argument list (never run through a shell); the
        /// message goes to its standard input.
        case sendmail([String])
        /// A Maildir the message is written to (relative paths: beside the database).
        case outbox(String)
    }
    /// The From address when the ticket's branch has none: `Name <address>` or an address.
    public var from: String
    /// The right-hand side of generated Message-IDs.
    public var domain: String
    public var delivery: Delivery
    /// How long a sendmail command may take before it is killed and the message marked failed.
    public var timeoutSeconds: Int = 30

    public init(
        from: String = "Support <support@desk.example>", domain: String = "desk.example", delivery: Delivery = .outbox("outbox")
    ) {
        self.from = from; self.domain = domain; self.delivery = delivery
    }
}
