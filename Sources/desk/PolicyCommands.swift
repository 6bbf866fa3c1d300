import ArgumentParser
import DeskModel
import Foundation

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Work with the policy file.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a policy file; every problem is named with file, line and key.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The file (default: --policy, DESK_POLICY, or policy.yaml beside the database).")
        var file: String?

        func run() throws {
            let path = file ?? global.resolvedPolicyPath
            guard FileManager.default.fileExists(atPath: path) else { throw DeskError.noPolicy(path: path) }
            let p = try Policy.load(path: path)
            print(
                "\(path): valid — \(p.branches.count) branches, \(p.routing.count) routing rules, default branch \(p.defaultBranch), auto-close after \(p.lifecycle.autoCloseDays) days."
            )
        }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database (if missing) and write a complete, commented policy file.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Overwrite an existing policy file.") var force = false

    func run() throws {
        let dbPath = global.resolvedPath
        let policyPath = global.resolvedPolicyPath
        if FileManager.default.fileExists(atPath: policyPath) && !force {
            throw FileProblem(.write, path: policyPath, reason: "it already exists; use --force to overwrite it")
        }
        try Files.createParentFolder(of: policyPath)
        let created = !FileManager.default.fileExists(atPath: dbPath)
        let desk = Desk(db: try DeskDatabase.open(path: dbPath, create: true), clock: try global.clock(), policy: .standard)
        try desk.syncBranches()
        try Files.write(Data(Policy.exampleYAML.utf8), to: policyPath)
        print("\(created ? "Created" : "Using") database \(dbPath); wrote policy \(policyPath).")
    }
}

struct MaintainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintain",
        abstract:
            "Close solved tickets past the policy's days; re-evaluate every open ticket's SLA when the policy changed since the last run; evaluate the escalation triggers of the tickets whose next check has come (an SLA running low); bring the SLA board's counts up to now. Safe to run any time, meant for cron every few minutes: with nothing due it costs milliseconds."
    )
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let desk = try global.openDesk()
        let m = try desk.runMaintenance()
        let n = m.closed
        print(n == 0 ? "No solved ticket to close." : "Closed \(n) solved ticket\(n == 1 ? "" : "s").")
        if let s = m.slaUpdated {
            print("The policy changed: re-evaluated every open ticket's SLA (\(s) changed).")
        } else {
            print("The policy is unchanged: every open ticket's SLA is up to date.")
        }
        let e = m.examined
        let g = m.triggersChanged
        print(
            e == 0
                ? "No ticket was due for a check."
                : "Checked \(e) ticket\(e == 1 ? "" : "s") due for a check: "
                    + (g == 0 ? "no escalation trigger fired or cleared." : "\(g) escalation trigger\(g == 1 ? "" : "s") fired or cleared."))
    }
}
