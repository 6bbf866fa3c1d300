import Foundation
import Mustache

/// The customer-safe update: the policy's Mustache text filled from customer-facing facts only.
/// The package's internal fields are not in its context, so they cannot reach it.
public enum CustomerUpdate {
    /// The placeholders the update may use. `team` is the next owner's public name;
    /// `reproduced` and `workaround` are sections too (`{{#workaround}}…{{/workaround}}`).
    public static let placeholders = [
        "customer.name", "ticket.id", "ticket.subject", "team", "agent.name", "reproduced", "workaround",
    ]

    /// Placeholder names in a template that are not in `placeholders`.
    public static func unknownPlaceholders(in template: String) -> [String] {
        names(in: template).filter { !placeholders.contains($0) }
    }

    /// The distinct names of the update's tags (the one `{{…}}` scan, `Placeholders.tags`).
    static func names(in text: String) -> [String] {
        var out: [String] = []
        for tag in Placeholders.tags(in: text) where !tag.name.isEmpty && !out.contains(tag.name) { out.append(tag.name) }
        return out
    }

    /// What the update may say: customer-facing facts only.
    public struct Facts: Sendable, Equatable {
        public var customerName: String
        public var ticketId: Int64
        public var subject: String
        /// The next owner's `public_name` (never the internal branch name).
        public var team: String
        public var agentName: String
        /// The package has reproduction steps.
        public var reproduced: Bool
        /// How to get round it, when one is recorded.
        public var workaround: String?

        public init(
            customerName: String, ticketId: Int64, subject: String, team: String, agentName: String,
            reproduced: Bool = false, workaround: String? = nil
        ) {
            self.customerName = customerName; self.ticketId = ticketId; self.subject = subject; self.team = team
            self.agentName = agentName; self.reproduced = reproduced; self.workaround = workaround
        }
    }

    /// Renders the update as plain text (no HTML escaping), reflowed into paragraphs as the
    /// Markdown renderer reads them: the policy file's line breaks are not the customer's.
    public static func render(_ template: String, _ f: Facts) throws -> String {
        let t = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + template)
        var context: [String: Any] = [
            "customer": ["name": f.customerName], "ticket": ["id": String(f.ticketId), "subject": f.subject],
            "team": f.team, "agent": ["name": f.agentName], "reproduced": f.reproduced,
        ]
        let how = f.workaround?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !how.isEmpty { context["workaround"] = how }
        return Paragraphs.reflow(t.render(context)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The internal branch name an update names, as a refusal naming it and where, or nil.
    /// Names are matched whole and with their case ("Billing L2", not "billing").
    public static func internalName(in update: String, names: [String]) -> String? {
        for (n, line) in update.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for name in names.sorted(by: { $0.count > $1.count }) where !name.isEmpty {
                guard let r = line.range(of: name) else { continue }
                let before = r.lowerBound == line.startIndex ? nil : line[line.index(before: r.lowerBound)]
                let after = r.upperBound == line.endIndex ? nil : line[r.upperBound]
                if before?.isLetter == true || before?.isNumber == true || after?.isLetter == true || after?.isNumber == true {
                    continue
                }
                let col = line.distance(from: line.startIndex, to: r.lowerBound) + 1
                return
                    "the customer update names the internal branch '\(name)' (line \(n + 1), column \(col)); say it with the branch's public name (public_name in the policy)."
            }
        }
        return nil
    }

    /// Why `update` may not go to the customer, or nil: it still holds a raw placeholder, or it
    /// repeats a line of internal text (a note, the summary, the repro steps, the next action).
    public static func refusal(_ update: String, internalTexts: [String]) -> String? {
        if update.contains("{{") || update.contains("}}") {
            return "the customer update still holds a raw {{placeholder}}; fill it in or remove it."
        }
        let said = normalised(update)
        for text in internalTexts {
            for line in text.split(whereSeparator: \.isNewline) {
                let l = normalised(String(line))
                if l.count >= 20 && said.contains(l) {
                    return
                        "the customer update repeats internal text (\"\(String(line.prefix(40)))…\"); internal notes and the package stay internal."
                }
            }
        }
        return nil
    }

    static func normalised(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
