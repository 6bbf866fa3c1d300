import ArgumentParser
import DeskModel
import DeskTUI
import Foundation
import Logging

@main
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "A help-desk console for the terminal.",
        discussion: "With no subcommand, opens the console.",
        subcommands: [
            ConsoleCommand.self, InitCommand.self, DemoCommand.self, SeedCommand.self, TicketCommand.self,
            PolicyCommand.self, MaintainCommand.self, SLACommand.self, EscalateCommand.self, EscalationCommand.self,
            IncidentCommand.self, ReportCommand.self, TemplateCommand.self, OutboxCommand.self, BenchCommand.self,
            KeymapCommand.self, FetchCommand.self, ImportCommand.self, ConversationIntakeCommand.self, AttachmentCommand.self,
            NotificationsCommand.self, StressCommand.self, StressWorkerCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// Accepted before the subcommand too (`desk --db x ticket list`); each subcommand reads its own.
    @OptionGroup var global: GlobalOptions

    /// ArgumentParser's own `main`, with one addition: a Foundation or system error that escaped
    /// a command is said as a `FileProblem` sentence, never as `Error Domain=NSCocoaErrorDomain …`.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: FileProblem(escaped: error) ?? error)
        }
    }
}

/// The console, the default subcommand. Its options live here, not on the root command: a root
/// `--view` took `desk ticket list --view …` for itself and the list always showed "open".
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Open the console (what `desk` does with no subcommand).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Queue view to open with: open, mine, unassigned or all.")
    var view: String = "open"

    func run() throws {
        let desk = try global.openDesk()
        let agent = try global.actingAgent(desk)
        let view = try QueueView.parse(view)
        Logs.bootstrap(besides: global.resolvedPath)
        let log = Logger(label: "desk.console")
        log.info("console start", metadata: ["agent": "\(agent.handle)", "db": "\(global.resolvedPath)"])

        let backend = try NcursesBackend()
        defer { backend.shutdown() }
        let size = backend.size
        var state = AppState(
            width: size.width, height: size.height,
            agent: AgentRef(id: agent.id!, handle: agent.handle, name: agent.name),
            now: desk.clock.now.dbSeconds, zone: TimeZone.current, view: view, sla: desk.policy.sla,
            escalation: desk.policy.escalation)
        state.replies = desk.policy.replies
        state.canEditTemplates = desk.policy.role(agent.role).can.contains(.templates)
        state.notifications.bell = desk.policy.notifications.wantsBell(agent.handle)
        let console = Console(
            state: state, backend: backend, runner: EffectRunner(desk: desk, agent: agent), clock: desk.clock,
            mode: .background)
        console.run(shouldStop: { NcursesBackend.stopSignal != nil })
        backend.shutdown()
        if let sig = NcursesBackend.stopSignal {
            log.info("stopped by signal \(sig)")
            throw ExitCode(128 + sig)
        }
        log.info("console quit")
    }
}

extension QueueView {
    static func parse(_ text: String) throws -> QueueView {
        guard let v = QueueView(rawValue: text.lowercased()) else {
            throw ValidationError("unknown view '\(text)': expected open, mine, unassigned or all.")
        }
        return v
    }
}

struct KeymapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keymap", abstract: "Print the keymap as Markdown (docs/keymap.md).")
    func run() { print(Keymap.markdown, terminator: "") }
}
