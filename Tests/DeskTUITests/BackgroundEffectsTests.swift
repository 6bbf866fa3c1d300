import DeskModel
import Foundation
import XCTest

@testable import DeskTUI

/// The console's background mode: a slow effect (a mail command that takes seconds) runs off the
/// loop's thread, and keys are answered while it runs. No timing is asserted: the delivery is
/// checked to be still running while the keys change the screen.
final class BackgroundEffectsTests: XCTestCase {
    func testKeysAreAnsweredWhileAReplysMailIsStillBeingDelivered() throws {
        let path = NSTemporaryDirectory() + "desk-bg-\(UUID().uuidString)/desk.sqlite"
        let pool = try DeskDatabase.open(path: path)
        let clock = FixedClock(FixedClock.parse("2026-11-21T10:00:00Z")!)
        try DemoBuilder(desk: Desk(db: pool, clock: clock)).build()
        var policy = Policy.standard
        // Never reads the message; stopped by the timeout long after this test is done with it.
        policy.mail.delivery = .sendmail(["/bin/sleep", "30"])
        policy.mail.timeoutSeconds = 4
        let desk = Desk(db: pool, clock: clock, policy: policy)
        let ada = try desk.agent(handle: "ada")
        let email = try XCTUnwrap(
            try desk.queuePage(QueueQuery(view: .open), offset: 0, limit: 200).rows.first { $0.channel == .email })
        let state = AppState(
            width: 120, height: 40, agent: AgentRef(id: ada.id!, handle: ada.handle, name: ada.name), now: clock.now.dbSeconds)
        let console = Console(
            state: state, backend: MemoryBackend(width: 120, height: 40), runner: EffectRunner(desk: desk, agent: ada),
            clock: clock, mode: .background)
        console.start()
        console.settle()
        for key in [Key.char(":")] + "open \(email.id)".map(Key.char) + [.enter] { console.dispatch(.key(key)) }
        console.settle()
        XCTAssertEqual(console.state.ticket.detail?.ticket.id, email.id)
        console.dispatch(.key(.char("r")))
        console.dispatch(.paste("Looking into it now."))
        console.dispatch(.key(.ctrl("s")))
        console.dispatch(.key(.enter))
        console.settle([.read, .write])
        XCTAssertEqual(console.state.status?.text.hasPrefix("Reply sent"), true, "\(String(describing: console.state.status))")
        XCTAssertTrue(console.isBusy(.mail), "the delivery is running")
        // The queue answers j while the mail command still runs.
        console.dispatch(.key(.tab))
        let before = console.state.queue.selected
        console.dispatch(.key(.char("j")))
        console.dispatch(.key(.char("j")))
        XCTAssertEqual(console.state.queue.selected, before + 2)
        XCTAssertTrue(console.isBusy(.mail), "…and was still running when the keys were answered")
        // Then the timeout stops it and the console says so; the message waits in the outbox.
        console.settle()
        XCTAssertEqual(console.state.status?.isError, true)
        XCTAssertEqual(
            console.state.status?.text, "#\(email.id): reply NOT mailed: /bin/sleep did not finish within 4 s and was stopped (desk outbox retry).")
        XCTAssertEqual(try desk.outbox().map(\.state), ["failed"])
    }
}
