import Foundation

/// The customer-safe update: the policy's Mustache text filled from customer-facing facts only.
/// The package's internal fields are not in its context, so they cannot reach it.
public enum CustomerUpdate {
    /// The placeholders the update may use.
    public static let placeholders = ["customer.name", "ticket.id", "ticket.subject", "team", "agent.name"]

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

    /// Renders the update as plain text (no HTML escaping), as reply templates are rendered.
    public static func render(
        _ template: String, customerName: String, ticketId: Int64, subject: String, team: String, agentName: String
    ) throws -> String {
        let values = [
            "customer.name": customerName, "ticket.id": String(ticketId), "ticket.subject": subject, "team": team,
            "agent.name": agentName,
        ]
        return try TemplateRenderer.render(template, values: values).trimmingCharacters(in: .whitespacesAndNewlines)
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
