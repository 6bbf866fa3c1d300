import Foundation

/// The package as its receiver reads it, part by part: `desk escalation show` prints it and the
/// console's package reader (`E`) wraps it to the pane. One model, so both say the same things.
public struct PackageOutline: Sendable, Equatable {
    /// One line of a part: its text, the sources it cites, and how it reads.
    public struct Item: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A statement ("- …" in text).
            case point
            /// A numbered reproduction step.
            case step(Int)
            /// A fact of the request ("Requested by …"): no bullet.
            case fact
            /// A missing-information item, ticked when acknowledged.
            case missing(acknowledged: Bool)
            /// Nothing to say ("(none)").
            case empty
            /// A paragraph of the customer update; a blank line before the next.
            case paragraph
            /// Something that needs the reader's eye (a missing next action).
            case warning
        }
        public var kind: Kind
        public var text: String
        public var sources: [ClaimSource]
        public init(_ kind: Kind, _ text: String, sources: [ClaimSource] = []) {
            self.kind = kind; self.text = text; self.sources = sources
        }
    }

    public struct Part: Sendable, Equatable {
        public var title: String
        public var items: [Item]
    }

    public var parts: [Part]

    /// `request`: the escalation it belongs to (who asked, when, where it stands), when there is
    /// one; `time` writes an instant (stored seconds) for the reader at hand.
    public init(_ p: EscalationPackage, request e: EscalationSummary? = nil, time: (Int64) -> String = { String($0) }) {
        var parts: [Part] = []
        if let e {
            var facts: [Item] = []
            let to = "\(e.toBranch)\(e.toAgent.map { " (\($0))" } ?? "")"
            let status: String =
                switch e.state {
                case .requested: "requested · waiting for \(to) to accept"
                case .accepted: "accepted by \(e.acceptedBy ?? "?")\(e.acceptedAt.map { ", \(time($0))" } ?? "")"
                case .returned: "returned\(e.returnedAt.map { ", \(time($0))" } ?? "")"
                case .resolved: "resolved\(e.resolvedAt.map { ", \(time($0))" } ?? "")"
                case .withdrawn: "withdrawn\(e.withdrawnAt.map { ", \(time($0))" } ?? "")"
                }
            facts.append(Item(.fact, "Escalation #\(e.id): \(status)"))
            facts.append(
                Item(
                    .fact,
                    "Requested by \(e.fromAgent ?? "?")\(e.fromBranch.map { " (\($0))" } ?? ""), \(time(e.requestedAt)) → \(to)"
                        + (e.late ? " · late: a trigger waited past the policy's window" : "")))
            if let r = e.reason, !r.isEmpty { facts.append(Item(.fact, "Reason: \(r)")) }
            parts.append(Part(title: "Request", items: facts))
        }
        parts.append(Part(title: "Summary", items: p.summary.map { Item(.point, $0.text, sources: $0.sources) }))
        parts.append(
            Part(
                title: "Reproduction steps",
                items: p.repro.isEmpty
                    ? [Item(.empty, "(none)")]
                    : p.repro.enumerated().map { Item(.step($0.offset + 1), $0.element.text, sources: $0.element.sources) }))
        let severity =
            p.severityOverride.map { "\(p.severity.severity.rawValue), set by hand: \($0)" }
            ?? "\(p.severity.severity.rawValue) by rubric row `\(p.severity.rule)`: \(p.severity.rationale)"
        parts.append(Part(title: "Severity", items: [Item(.fact, severity)]))
        let workaround: String =
            switch p.workaround {
            case .yes?: "yes" + (p.workaroundText.map { " — \($0)" } ?? " (how is not written down)")
            case .no?: "no"
            case .unknown?, nil: "unknown"
            }
        parts.append(
            Part(
                title: "Impact and workaround",
                items: [Item(.fact, "Impact: \(p.impact?.rawValue ?? "unknown")"), Item(.fact, "Workaround: \(workaround)")]))
        var next: [Item] = [Item(.fact, "Next owner: \(p.toBranch)\(p.toAgent.map { " (\($0))" } ?? "")")]
        next += p.nextActions.map { Item(.point, $0.line) }
        if p.nextAction.isEmpty { next.append(Item(.warning, "no next action for \(p.toBranch) named")) }
        parts.append(Part(title: "Next owners and actions", items: next))
        parts.append(
            Part(
                title: "Missing information",
                items: p.missing.isEmpty
                    ? [Item(.empty, "(nothing)")]
                    : p.missing.map { Item(.missing(acknowledged: $0.acknowledged), "\($0.key): \($0.text)") }))
        let paragraphs = Paragraphs.reflow(p.customerUpdate).components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        parts.append(
            Part(
                title: "Customer update (\(p.sendUpdate ? "sent as a public reply" : "not sent"))",
                items: paragraphs.isEmpty ? [Item(.empty, "(empty)")] : paragraphs.map { Item(.paragraph, $0) }))
        self.parts = parts
    }

    /// Every message number the package cites, in reading order, each once.
    public var citedMessages: [Int] {
        var out: [Int] = []
        for part in parts {
            for item in part.items {
                for case .message(let n) in item.sources where !out.contains(n) { out.append(n) }
            }
        }
        return out
    }

    /// Plain text lines ("Summary:", "  - claim [#1]"), for the CLI; sanitised, as the package
    /// quotes customer text and a terminal must not run what it holds.
    public var textLines: [String] {
        var out: [String] = []
        for part in parts {
            out.append(Sanitizer.singleLine(part.title) + ":")
            for (i, item) in part.items.enumerated() {
                let raw = ([item.text] + item.sources.map(\.description)).joined(separator: " ")
                let text = item.kind == .paragraph ? Sanitizer.multiline(raw) : Sanitizer.singleLine(raw)
                switch item.kind {
                case .point: out.append("  - " + text)
                case .step(let n): out.append("  \(n). " + text)
                case .fact, .empty: out.append("  " + text)
                case .warning: out.append("  ! " + text)
                case .missing(let ack): out.append("  [\(ack ? "x" : " ")] " + text)
                case .paragraph:
                    if i > 0 { out.append("") }
                    out.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
                }
            }
        }
        return out
    }
}
