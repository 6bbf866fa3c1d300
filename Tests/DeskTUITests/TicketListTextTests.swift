import DeskTUI
import Foundation
import XCTest

/// `desk ticket list` for people (issue 20 point 21): a header, columns aligned in terminal
/// cells whatever the names (CJK, emoji), and the branch and SLA of each ticket.
final class TicketListTextTests: XCTestCase {
    func testColumnsLineUpInTerminalCellsAndShowBranchAndSLA() throws {
        DisplayWidth.prepareLocale()
        let db = try DeskBinary.demoDatabase()
        let args = ["ticket", "list", "--view", "all", "--limit", "200", "--db", db, "--now", "2026-11-21T10:00:00Z"]
        let text = try DeskBinary.run(args)
        XCTAssertEqual(text.status, 0, text.stderr)
        let rows = try JSONValue.parse(try DeskBinary.run(args + ["--json"]).stdout).array ?? []
        var lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.removeLast().hasPrefix("200 of "), "the count line closes the list")
        let header = lines.removeFirst()
        XCTAssertEqual(
            header.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "),
            "# Status Priority Branch Assignee SLA (next target) Customer Subject")
        XCTAssertEqual(lines.count, rows.count)

        /// The terminal cell where `needle` starts in `line`.
        func cell(_ needle: String, in line: String) -> Int? {
            guard let r = line.range(of: needle) else { return nil }
            return DisplayWidth.of(String(line[..<r.lowerBound]))
        }
        let customerColumn = try XCTUnwrap(cell("Customer", in: header))
        let subjectColumn = try XCTUnwrap(cell("Subject", in: header))
        var wide = 0
        for (line, row) in zip(lines, rows) {
            let customer = row.object?["customer"]?.string ?? ""
            let subject = row.object?["subject"]?.string ?? ""
            // Names are shown whole unless longer than the column's 24 cells.
            let shown = DisplayWidth.of(customer) > 24 ? String(customer.prefix(10)) : customer
            XCTAssertEqual(cell("  " + shown + " ", in: line).map { $0 + 2 }, customerColumn, line)
            XCTAssertEqual(cell(subject, in: line), subjectColumn, line)
            if DisplayWidth.of(customer) != customer.count { wide += 1 }
        }
        XCTAssertGreaterThan(wide, 0, "the demo has customers with wide characters: the test measured them")
        XCTAssertTrue(lines.contains { $0.contains("Billing L1") }, "the branch is shown")
        XCTAssertTrue(lines.contains { $0.contains(" left") || $0.contains("breached by") }, "the SLA is shown")
    }

    func testSuggestNeverPrintsAnEmptyMatchedList() throws {
        let db = try DeskBinary.demoDatabase()
        for id in 1...40 {
            let r = try DeskBinary.run(["template", "suggest", "\(id)", "--db", db])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stdout.contains("matched:  "), r.stdout)
            XCTAssertFalse(r.stdout.contains("matched: ;"), r.stdout)
            XCTAssertFalse(r.stdout.contains("matched: \n"), r.stdout)
        }
    }
}
