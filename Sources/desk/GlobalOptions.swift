import ArgumentParser
import DeskModel
import Foundation

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "Database file (env DESK_DB; default $XDG_DATA_HOME/desk/desk.sqlite).")
    var dbPath: String?

    @Option(name: .customLong("agent"), help: "Act as this agent handle (env DESK_AGENT; default $USER if such an agent exists).")
    var agent: String?

    @Option(name: .customLong("now"), help: "Fix the clock at this ISO 8601 time, for replays and tests.")
    var now: String?

    @Option(name: .customLong("policy"), help: "Policy file (env DESK_POLICY; default policy.yaml beside the database).")
    var policyPath: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedPath: String {
        if let p = dbPath, !p.isEmpty { return p }
        if let p = environment["DESK_DB"], !p.isEmpty { return p }
        return DeskDatabase.defaultPath(environment: environment)
    }

    func clock() throws -> any DeskClock {
        guard let text = now else { return SystemClock() }
        guard let date = FixedClock.parse(text) else {
            throw ValidationError("--now '\(text)' is not an ISO 8601 time (e.g. 2026-11-20T09:30:00Z).")
        }
        return FixedClock(date)
    }

    /// `--policy`, else `DESK_POLICY`; nil means the default beside the database.
    var explicitPolicyPath: String? {
        if let p = policyPath, !p.isEmpty { return p }
        if let p = environment["DESK_POLICY"], !p.isEmpty { return p }
        return nil
    }

    var resolvedPolicyPath: String {
        explicitPolicyPath
            ?? ((resolvedPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("policy.yaml")
    }

    /// The policy in force. A named file must exist; with none beside the database the built-in
    /// example applies (what `desk init` would write). An invalid file is an error.
    func loadPolicy() throws -> Policy {
        let path = resolvedPolicyPath
        if FileManager.default.fileExists(atPath: path) { return try Policy.load(path: path) }
        if explicitPolicyPath != nil { throw DeskError.noPolicy(path: path) }
        return .standard
    }

    /// Opens an existing database (never creates one by accident). The policy is validated
    /// first, so an invalid one stops everything before the database is touched.
    func openDesk() throws -> Desk {
        let policy = try loadPolicy()
        let db = try DeskDatabase.open(path: resolvedPath, create: false)
        let desk = Desk(db: db, clock: try clock(), policy: policy)
        try desk.syncBranches()
        return desk
    }

    func actingAgent(_ desk: Desk) throws -> Agent {
        try desk.resolveAgent(explicit: agent, environment: environment)
    }

    /// For read-only commands: the agent when one is named (an unknown handle is still an
    /// error) or `$USER` is one, else nobody; reading never needs an agent.
    func readingAgent(_ desk: Desk) throws -> Agent? {
        if let h = agent ?? environment["DESK_AGENT"], !h.isEmpty { return try desk.agent(handle: h) }
        return try? desk.resolveAgent(explicit: nil, environment: environment)
    }
}

/// Reads `--body`, or standard input when it is absent or `-`. Standard input is decoded
/// strictly: bytes that are not UTF-8 are refused with their offset, never replaced.
func readBody(_ body: String?) throws -> String {
    if let body, body != "-" { return body }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return try StoredText.decodeUTF8(data, field: "standard input")
}
