import XCTest

@testable import DeskModel

/// The parser's reading of delivery reports, as a table: each real-shaped report in, what it
/// says about which message out. Then mail that must not be read as a report.
final class DeliveryReportTests: XCTestCase {
    static let sent = "<desk.1.2.k3j4h5@desk.example>"

    struct Case {
        var name: String
        var raw: String
        var action: DeliveryReport.Action
        var status: String?
        var reasonContains: String
        var firstId: String
    }

    var cases: [Case] {
        [
            Case(
                name: "Postfix", raw: DeliveryReportSamples.postfix(Self.sent), action: .failed, status: "5.1.1",
                reasonContains: "550 5.1.1 <priya@initech.example>: Recipient address rejected: User unknown",
                firstId: Self.sent),
            Case(
                name: "Exchange", raw: DeliveryReportSamples.exchange(Self.sent), action: .failed, status: "5.1.10",
                reasonContains: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
                firstId: Self.sent),
            Case(
                name: "Gmail", raw: DeliveryReportSamples.gmail(Self.sent), action: .failed, status: "5.1.1",
                reasonContains: "550-5.1.1 The email account that you tried to reach does not exist.", firstId: Self.sent),
            Case(
                name: "Gmail, delayed", raw: DeliveryReportSamples.gmail(Self.sent, action: "delayed"), action: .delayed,
                status: "4.4.7", reasonContains: "450 4.4.7 Message delayed", firstId: Self.sent),
            Case(
                name: "qmail text bounce", raw: DeliveryReportSamples.qmail(Self.sent), action: .failed, status: "5.1.1",
                reasonContains: "Sorry, no mailbox here by that name. (#5.1.1)", firstId: Self.sent),
        ]
    }

    func testReportsAreReadFromEachMailersShape() throws {
        for c in cases {
            let mail = try InboundMail.parse(Array(c.raw.utf8))
            let report = try XCTUnwrap(mail.deliveryReport, c.name)
            XCTAssertEqual(mail.auto, .bounce, c.name)
            XCTAssertEqual(report.action, c.action, c.name)
            XCTAssertEqual(report.status, c.status, c.name)
            XCTAssertTrue(report.reason.contains(c.reasonContains), "\(c.name): \(report.reason)")
            XCTAssertEqual(report.messageIds.first, c.firstId, c.name)
            XCTAssertFalse(report.reason.contains("\n"), c.name)
        }
    }

    func testABareMailerDaemonSenderIsNoLongerRefused() throws {
        let mail = try InboundMail.parse(Array(DeliveryReportSamples.qmail(Self.sent).utf8))
        XCTAssertEqual(mail.from, DeliveryReport.anonymousSender)
        XCTAssertEqual(mail.messageId, "<20261120104211.4242.qmail@mx.initech.example>")
    }

    func testPostfixReportNamesItsRecipientAndMTA() throws {
        let report = try XCTUnwrap(InboundMail.parse(Array(DeliveryReportSamples.postfix(Self.sent).utf8)).deliveryReport)
        XCTAssertEqual(report.reportingMTA, "mail.desk.example")
        XCTAssertEqual(report.recipients.map(\.address), ["priya@initech.example"])
    }

    func testMailThatIsNoReportGoesTheOrdinaryWay() throws {
        // A person writing from a postmaster address, with no report in it.
        let human = """
            From: Postmaster <postmaster@initech.example>
            To: support@desk.example
            Subject: Question about our invoice
            Message-ID: <human@initech.example>

            Hello, where is our invoice?
            """
        let mail = try InboundMail.parse(Array(human.utf8))
        XCTAssertNil(mail.deliveryReport)
        XCTAssertNil(mail.auto)
        // A vacation notice with an empty Return-Path stays an auto-reply's business.
        let vacation = """
            Return-Path: <>
            From: Priya <priya@initech.example>
            Subject: Out of office
            Auto-Submitted: auto-replied
            Message-ID: <ooo@initech.example>

            I am away until Monday.
            """
        let v = try InboundMail.parse(Array(vacation.utf8))
        XCTAssertNil(v.deliveryReport)
        XCTAssertEqual(v.auto, .autoReply)
        // A read receipt is a multipart/report too, of another type.
        let receipt = """
            From: Priya <priya@initech.example>
            Subject: Read: Export fails
            Content-Type: multipart/report; report-type=disposition-notification; boundary="b"
            Message-ID: <mdn@initech.example>

            --b
            Content-Type: text/plain

            Your message was read.
            --b--
            """
        XCTAssertNil(try InboundMail.parse(Array(receipt.utf8)).deliveryReport)
        // Without a sender and without a report, a mail is still refused for its sender.
        XCTAssertThrowsError(try InboundMail.parse(Array("From: MAILER-DAEMON\nSubject: hello\n\nhi\n".utf8))) {
            XCTAssertEqual($0 as? MailParseError, .noSender)
        }
    }

    func testStatusCodesAndTypesAreReadAsWords() {
        XCTAssertEqual(DeliveryReport.enhancedStatus(in: "said: 550 5.1.1 <a@b>: no")?.status, "5.1.1")
        XCTAssertNil(DeliveryReport.enhancedStatus(in: "version 15.5.1 and 2.0 and 10.4.4.4"))
        XCTAssertEqual(DeliveryReport.enhancedStatus(in: "(#4.4.1)")?.status, "4.4.1")
        XCTAssertEqual(DeliveryReport.withoutType("smtp;550 5.1.10 RESOLVER"), "550 5.1.10 RESOLVER")
        XCTAssertEqual(DeliveryReport.withoutType("X-Postfix; host unreachable"), "host unreachable")
        XCTAssertEqual(DeliveryReport.withoutType("550 no; type"), "550 no; type")
        XCTAssertEqual(
            DeliveryReport.reason(.init(address: nil, action: .failed, status: "5.2.2", diagnostic: nil)),
            "status 5.2.2 (mailbox full)")
    }
}
