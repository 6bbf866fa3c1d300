import ArgumentParser
import DeskModel
import Foundation

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Reply templates and macros: list, import, export, usage.",
        subcommands: [List.self, Import.self, Export.self, Stats.self, Suggest.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List templates.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Include archived templates.") var archived = false
        func run() throws {
            let desk = try global.openDesk()
            for t in try desk.templates(includeArchived: archived) {
                let macro = t.macro.isEmpty ? "" : "  [macro: \(t.macro.summary)]"
                print(
                    "\(t.name.rightPadded(28)) \((t.productArea ?? "-").rightPadded(14)) \(t.tags)\(t.archived ? "  (archived)" : "")\(macro)"
                )
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import NAME.md files (YAML front matter + Markdown); a file with any problem imports nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Directory of .md files.") var dir: String
        func run() throws {
            let desk = try global.openDesk()
            let actor = try global.readingAgent(desk)
            let r = try desk.importTemplates(from: dir, by: actor)
            for i in r.issues { FileHandle.standardError.write(Data("\(i)\n".utf8)) }
            print(
                "Imported \(r.imported.count) new, updated \(r.updated.count); skipped \(r.brokenFiles.count) file(s) with problems."
            )
            if !r.brokenFiles.isEmpty { throw ExitCode(1) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write one NAME.md per template into a directory.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Directory (created if missing).") var dir: String
        func run() throws {
            let desk = try global.openDesk()
            let files = try desk.exportTemplates(to: dir)
            print("Exported \(files.count) templates to \(dir).")
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Template use (insertions, sends), usage rate per agent and branch, and stale templates.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Start (ISO 8601 or YYYY-MM-DD); default 30 days ago.") var from: String?
        @Option(help: "End (ISO 8601 or YYYY-MM-DD); default now.") var to: String?
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let desk = try global.openDesk()
            let s = try desk.templateStats(
                from: try from.map { try ReportDates.parse($0, "--from") }, to: try to.map { try ReportDates.parse($0, "--to") })
            if json { print(JSONTime.encode(TemplateStatsJSON(s))); return }
            print("Template use \(JSONTime.format(s.from)) – \(JSONTime.format(s.to)):")
            for u in s.templates where u.inserted + u.sent > 0 {
                print(
                    "  \(u.name.rightPadded(28)) inserted \(String(u.inserted).leftPadded(4))  sent \(String(u.sent).leftPadded(4))"
                )
            }
            if !s.templates.contains(where: { $0.inserted + $0.sent > 0 }) { print("  (no template used)") }
            print("Replies using a template, by agent:")
            for r in s.agents {
                print("  \(r.name.rightPadded(16)) \(r.withTemplate)/\(r.replies) (\(Int((r.rate * 100).rounded())) %)")
            }
            print("By branch:")
            for r in s.branches {
                print("  \(r.name.rightPadded(16)) \(r.withTemplate)/\(r.replies) (\(Int((r.rate * 100).rounded())) %)")
            }
            print("Stale (\(s.stale.count)):")
            for t in s.stale { print("  \(t.name.rightPadded(28)) \(t.reasons.joined(separator: "; "))") }
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The top templates for a ticket and the words that matched; --accuracy measures the demo set.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Ticket number.") var id: Int64?
        @Flag(help: "Measure top-3 accuracy on a demo database (every demo ticket against its intent).") var accuracy = false
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let desk = try global.openDesk()
            if accuracy {
                let a = try DemoBuilder.suggestionAccuracy(desk)
                if json { print(JSONTime.encode(a)); return }
                print("top-1 \(a.top1)/\(a.tickets), top-3 \(a.top3)/\(a.tickets) (\(Int((a.top3Rate * 100).rounded())) %)")
                for m in a.misses { print("  miss: \(m)") }
                return
            }
            guard let id else { throw ValidationError("give a ticket number, or --accuracy.") }
            let s = try desk.suggestions(ticket: id)
            if json { print(JSONTime.encode(s)); return }
            for (i, t) in s.enumerated() { print("\(i + 1). \(t.name)  — \(Self.why(t))") }
            if s.isEmpty { print("No template matches this ticket's words.") }
        }

        /// Why a template was suggested: the words it shares with the ticket, its product area,
        /// or both; never an empty "matched:" list.
        static func why(_ t: TemplateSuggestion) -> String {
            var reasons: [String] = []
            if !t.matched.isEmpty { reasons.append("matched: " + t.matched.joined(separator: ", ")) }
            if t.sameProductArea { reasons.append("same product area") }
            return reasons.isEmpty ? "no shared words" : reasons.joined(separator: "; ")
        }
    }
}
