/// One problem in a policy file, located so the owner can go straight to it:
/// `policy.yaml:14: routing[2].branch: unknown branch 'Biling' (expected one of: …)`.
public struct PolicyIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The dotted path of the key, e.g. `routing[2].branch`.
    public var key: String
    public var message: String

    public init(file: String, line: Int, key: String, message: String) {
        self.file = file; self.line = line; self.key = key; self.message = message
    }

    public var description: String { "\(file):\(line): \(key.isEmpty ? "(file)" : key): \(message)" }
}

/// A policy file that cannot be used, with every problem found (not only the first).
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [PolicyIssue]
    public init(issues: [PolicyIssue]) { self.issues = issues }
    public var description: String {
        let n = issues.count
        return "the policy file is invalid (\(n) problem\(n == 1 ? "" : "s")):\n"
            + issues.map { "  " + $0.description }.joined(separator: "\n")
    }
}
