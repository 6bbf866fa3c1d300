import Foundation
import XCTest

/// Two agents in two real terminals on one database, and a third at the command line: nothing
/// one does is lost or silently overwritten by another, and what concerns an agent reaches them live.
final class TeamEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    func testCrossedRepliesStopTheSecondAndShowTheFirst() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let ben = try launchConsole(db, width: 100, height: 30, agent: "ben", now: now)
        let farid = try launchConsole(db, width: 100, height: 30, agent: "farid", now: now)
        for t in [ben, farid] { try openTicket("196", in: t) }
        try farid.press("r")
        try farid.type("Hi, Farid here: we are on it.")
        // Farid's draft began before Ben's reply went out.
        try farid.waitFor(all: ["Reply to customer — public", "we are on it."])
        try ben.press("r")
        try ben.type("Hello from Ben, it is fixed.")
        try ben.press("C-s")
        try ben.waitFor("Send to the customer:")
        try ben.press("Enter")
        try ben.waitFor("Reply sent")
        try farid.press("C-s")
        try farid.waitFor("Send to the customer:")
        try farid.press("Enter")
        try farid.waitFor(all: [
            "Since you began this draft:", "Ben Carter replied to the customer", "Hello from Ben, it is fixed.",
            "y send yours anyway", "Not sent: 1 new message since you began.",
        ])
        // The new message is shown in place of the draft.
        try farid.waitForAbsence("we are on it.")
        // e: back to the draft, kept word for word.
        try farid.press("e")
        try farid.waitFor("Hi, Farid here: we are on it.")
        let shown = try DeskBinary.run(["ticket", "show", "196", "--db", db, "--json"])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertEqual(shown.stdout.components(separatedBy: "Hello from Ben, it is fixed.").count, 2, "one reply went out")
        XCTAssertFalse(shown.stdout.contains("we are on it."), "Farid's was not sent")
        for t in [ben, farid] { try t.press("Escape", "q") }
    }

    func testAChangeMadeWhileAPickerWasOpenIsNotOverwritten() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let ben = try launchConsole(db, width: 120, height: 40, agent: "ben", now: now)
        try openTicket("121", in: ben)
        try ben.press("p")
        try ben.waitFor("Priority")
        let ada = try DeskBinary.run(["ticket", "priority", "121", "urgent", "--db", db, "--agent", "ada", "--now", now])
        XCTAssertEqual(ada.status, 0, ada.stderr)
        try ben.type("low")
        try ben.press("Enter")
        try ben.waitFor(all: ["Not done: ada set priority to urgent", "choose again or Esc", "urgent  current"])
        let shown = try DeskBinary.run(["ticket", "show", "121", "--db", db, "--json"])
        XCTAssertTrue(shown.stdout.contains("\"priority\" : \"urgent\"") || shown.stdout.contains("\"priority\":\"urgent\""), shown.stdout)
        try ben.press("Escape", "q")
    }

    func testWhatConcernsMeReachesMeLive() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let ben = try launchConsole(db, width: 100, height: 30, agent: "ben", now: now)
        // What Ben has unread to begin with (the demo leaves some), as the CLI counts it; the
        // console shows the same count once it has loaded it.
        let unread = try DeskBinary.run(["notifications", "--unread", "--json", "--db", db, "--agent", "ben", "--now", now])
        XCTAssertEqual(unread.status, 0, unread.stderr)
        let listed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(unread.stdout.utf8)) as? [[String: Any]])
        let start = listed.count
        let aboutThisTicket = listed.filter { $0["ticket"] as? Int == 121 }.count
        if start > 0 { try ben.waitFor("@ \(start) unread") }
        let note = try DeskBinary.run([
            "ticket", "note", "121", "--db", db, "--agent", "ada", "--now", now, "--body", "@ben please check the invoice",
        ])
        XCTAssertEqual(note.status, 0, note.stderr)
        let assign = try DeskBinary.run(["ticket", "assign", "121", "ben", "--db", db, "--agent", "ada", "--now", now])
        XCTAssertEqual(assign.status, 0, assign.stderr)
        // No key pressed: the commits reach the screen by themselves.
        try ben.waitFor("@ \(start + 2) unread")
        try ben.press("@")
        try ben.waitFor(all: ["Notifications ·", "ada mentioned you: @ben please check the invoice", "ada assigned it to you"])
        try ben.press("Enter")
        // Opening it marks what was said about #121 read: the count drops by those.
        let left = start - aboutThisTicket
        if left > 0 {
            try ben.waitFor(all: ["#121 ", "[ticket]", "@ \(left) unread"])
        } else {
            try ben.waitFor(all: ["#121 ", "[ticket]"])
            try ben.waitForAbsence(" unread")
        }
        try ben.press("Escape", "q")
    }
}
