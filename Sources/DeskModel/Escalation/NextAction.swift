import Foundation

/// One owner's next step in a handoff: the receiving branch confirms a patch window, the account
/// owner updates the customer. A package names at least one for its next owner, and may name more.
public struct NextAction: Sendable, Equatable, Codable {
    /// A branch name or an agent's handle.
    public var owner: String
    public var action: String
    public init(owner: String, action: String) { self.owner = owner; self.action = action }

    /// "Engineering: confirm the patch window".
    public var line: String { "\(owner): \(action)" }

    /// A line as typed: `Owner: action` when the words before the first colon name one of
    /// `owners` (any case), else the whole line is `defaultOwner`'s action ("Note: …" stays text).
    public static func parse(_ line: String, owners: [String], defaultOwner: String) -> NextAction {
        let t = line.trimmingCharacters(in: .whitespaces)
        if let colon = t.firstIndex(of: ":") {
            let head = t[..<colon].trimmingCharacters(in: .whitespaces)
            if let owner = owners.first(where: { $0.sameName(as: head) }) {
                return NextAction(owner: owner, action: t[t.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
        }
        return NextAction(owner: defaultOwner, action: t)
    }

    /// Next actions from text, one per non-empty line.
    public static func parseLines(_ text: String, owners: [String], defaultOwner: String) -> [NextAction] {
        text.split(whereSeparator: \.isNewline)
            .map { parse(String($0), owners: owners, defaultOwner: defaultOwner) }
            .filter { !$0.action.isEmpty }
    }
}
