import Yams

extension Policy {
    /// `notifications: {bell: all | [handle, …]}`; a handle is checked for its form here (the
    /// agents live in the database, not the file).
    static func readNotifications(_ r: inout PolicyReader, _ node: Node) -> NotificationPolicy {
        var p = NotificationPolicy()
        guard let m = r.mapping(node, "notifications") else { return p }
        r.checkKeys(m, "notifications", allowed: ["bell"])
        guard let bell = m["bell"] else { return p }
        if bell.scalar?.string.lowercased() == "all" {
            p.bell = .everyone
            return p
        }
        let items = bell.sequence.map { Array($0) } ?? [bell]
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let key = bell.sequence == nil ? "notifications.bell" : "notifications.bell[\(i + 1)]"
            guard let handle = r.string(item, key) else { continue }
            let valid = handle.count <= 40 && handle.unicodeScalars.allSatisfy(Mentions.isHandleCharacter)
            if !valid {
                r.fail(item, key, "'\(handle)' is not an agent handle (letters, digits, _, . and - only, at most 40), nor all")
            } else if !seen.insert(handle.lowercased()).inserted {
                r.fail(item, key, "'\(handle)' is listed twice")
            }
        }
        p.bell = seen.isEmpty ? .nobody : .agents(seen)
        return p
    }
}
