import XCTest

@testable import DeskModel

/// The hand-written MIME parser on hand-written messages: one rule per test, bytes as mail
/// clients really send them (CRLF and LF, legacy charsets, broken structure).
final class MailParserTests: XCTestCase {
    func mail(_ text: String, crlf: Bool = false) throws -> InboundMail {
        let t = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        return try InboundMail.parse(Array(t.utf8))
    }

    func testPlainMailWithThreadingHeadersAndFoldedSubject() throws {
        let m = try mail(
            """
            From: "Schmidt, Priya" <priya@initech.example>
            To: support@desk.example, "Sales" <sales@desk.example>
            Subject: Password reset
             still missing [#7]
            Date: Tue, 3 Nov 2026 09:15:00 +0100
            Message-ID: <abc@mail.initech.example>
            In-Reply-To: <r1@desk.example>
            References: <m0@initech.example>
              <r1@desk.example> <abc@mail.initech.example>

            Hello,
            it still does not arrive.
            """, crlf: true)
        XCTAssertEqual(m.from, MailAddress(name: "Schmidt, Priya", address: "priya@initech.example"))
        XCTAssertEqual(m.to.map(\.address), ["support@desk.example", "sales@desk.example"])
        XCTAssertEqual(m.subject, "Password reset still missing [#7]")
        XCTAssertEqual(m.date, Date(timeIntervalSince1970: 1_793_693_700))
        XCTAssertEqual(m.messageId, "<abc@mail.initech.example>")
        XCTAssertEqual(m.inReplyTo, ["<r1@desk.example>"])
        XCTAssertEqual(m.references, ["<m0@initech.example>", "<r1@desk.example>"], "a message never references itself")
        XCTAssertEqual(m.text, "Hello,\nit still does not arrive.")
        XCTAssertNil(m.quoted)
        XCTAssertNil(m.auto)
        XCTAssertEqual(m.contentHash.count, 64)
    }

    func testAddressListsInTheFormsMailCarries() {
        let list = MailAddress.list(
            """
            "Last, First" <a@x.example>, b@x.example (Bee, Team),  Team: c@x.example, <d@x.example>;,
            mailto:e@x.example, not an address, "Zoë" <z@x.example>, \u{00A0}Ünïcode <u@x.example>\u{00A0}, @x.example
            """)
        XCTAssertEqual(
            list,
            [
                MailAddress(name: "Last, First", address: "a@x.example"),
                MailAddress(name: "Bee, Team", address: "b@x.example"),
                MailAddress(name: nil, address: "c@x.example"),
                MailAddress(name: nil, address: "d@x.example"),
                MailAddress(name: nil, address: "e@x.example"),
                MailAddress(name: "Zoë", address: "z@x.example"),
                MailAddress(name: "Ünïcode", address: "u@x.example"),
            ], "a comma inside quotes, brackets or a comment does not split; a group's name goes")
        XCTAssertEqual(" \t\u{00A0}Grüße\u{00A0}\n".trimmed, "Grüße", "non-ASCII white space at the ends goes too")
        XCTAssertEqual("  plain ascii\r\n".trimmed, "plain ascii")
        XCTAssertEqual(MessageIDs.list("<a@b> junk <c d@e> <Ünï@b>"), ["<a@b>", "<Ünï@b>"])
    }

    func testSubjectTagsAndLocalParts() {
        XCTAssertEqual(Desk.subjectTag("Re: Zoë [#] [#abc] [#123456789012] [#7] [#8]"), 7, "the first well-formed tag")
        XCTAssertNil(Desk.subjectTag("Re: [#5"))
        XCTAssertNil(Desk.subjectTag("[#٣]"), "only ASCII digits")
        XCTAssertEqual(Desk.subjectTag("[#00042]"), 42)
        XCTAssertEqual(Desk.localPart("Priya.S@x.example"), "Priya.S")
        XCTAssertEqual(Desk.localPart("Zoë@x.example"), "Zoë")
        XCTAssertEqual(Desk.localPart("no-at-sign"), "no-at-sign")
    }
    func testEncodedWordsInSubjectAndNames() throws {
        let m = try mail(
            """
            From: =?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_M=FCller?= <andre@example.com>
            Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?= =?UTF-8?Q?_=E2=82=AC?= and =?bogus?X?no?=
            Message-ID: <q@x>

            body
            """)
        XCTAssertEqual(m.from.name, "André Müller", "adjacent encoded words join without the space between")
        XCTAssertEqual(m.subject, "Grüße aus Köln € and =?bogus?X?no?=")
    }

    func testCharsetsThroughIconv() throws {
        let cases: [(String, [UInt8], String)] = [
            ("Shift_JIS", [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA], "日本語"),
            ("GB2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("GBK", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
            ("Big5", [0xA4, 0xA4, 0xA4, 0xE5], "中文"),
            ("KOI8-R", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
            ("ISO-8859-1", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("ISO-8859-2", [0xA3, 0xF3, 0x64, 0xBC], "Łódź"),
            ("windows-1251", [0xCC, 0xE8, 0xF0], "Мир"),
            ("windows-1252", [0x80], "€"),
            ("euc-kr", [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE], "한국어"),
            ("utf-8", Array("ok ✓".utf8), "ok ✓"),
        ]
        for (charset, bytes, expected) in cases {
            let head = "From: a@b.example\nSubject: t\nContent-Type: text/plain; charset=\"\(charset)\"\n\n"
            let m = try InboundMail.parse(Array(head.utf8) + bytes)
            XCTAssertEqual(m.text, expected, charset)
        }
        // Broken bytes in a declared charset become U+FFFD; the rest survives.
        let m = try InboundMail.parse(
            Array("From: a@b.example\nContent-Type: text/plain; charset=utf-8\n\n".utf8) + [0x61, 0xFF, 0x62])
        XCTAssertEqual(m.text, "aÿb", "invalid UTF-8 is read as Windows-1252, never dropped")
        let sjis = try InboundMail.parse(
            Array("From: a@b.example\nContent-Type: text/plain; charset=shift_jis\n\n".utf8) + [0x93, 0xFA, 0x81])
        XCTAssertEqual(sjis.text, "日\u{FFFD}")
    }

    func testNonUTF8HeadersAreReadAsLatin1() throws {
        let bytes =
            Array("From: Ren".utf8) + [0xE9] + Array(" <rene@example.fr>\nSubject: R".utf8) + [0xE9]
            + Array("sum".utf8) + [0xE9] + Array("\n\nbody".utf8)
        let m = try InboundMail.parse(bytes)
        XCTAssertEqual(m.from.name, "René")
        XCTAssertEqual(m.subject, "Résumé")
    }

    func testNestedMultipartWithAlternativeBase64AndQuotedPrintable() throws {
        let m = try mail(
            """
            From: Priya <priya@initech.example>
            Subject: Screenshot
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            This is a multi-part message in MIME format.
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Caf=C3=A9 login fails with a very long line that the client wrapped with =
            a soft break.
            --inner
            Content-Type: text/html; charset=utf-8

            <p>Caf&eacute; login fails</p>
            --inner--
            --outer
            Content-Type: image/png; name="screen.png"
            Content-Disposition: attachment; filename="screen.png"
            Content-Transfer-Encoding: base64

            iVBORw0K
            GgoAAAAN
            --outer
            Content-Type: application/pdf
            Content-Disposition: attachment;
             filename*0*=utf-8''R%C3%A9sum;
             filename*1*=%C3%A9.pdf
            Content-Transfer-Encoding: base64

            UsOpc3Vtw6kucGRm
            --outer--
            epilogue is ignored
            """, crlf: true)
        XCTAssertEqual(m.text, "Café login fails with a very long line that the client wrapped with a soft break.")
        XCTAssertEqual(m.attachments.map(\.name), ["screen.png", "Résumé.pdf"])
        XCTAssertEqual(m.attachments.map(\.contentType), ["image/png", "application/pdf"])
        XCTAssertEqual(m.attachments[0].data, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
        XCTAssertEqual(String(decoding: m.attachments[1].data, as: UTF8.self), "Résumé.pdf")
        XCTAssertEqual(m.notes, [])
    }

    func testRFC2231SingleParameterWithCharsetAndEncodedWordFileName() throws {
        let m = try mail(
            """
            From: a@b.example
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            see files
            --b
            Content-Type: application/octet-stream
            Content-Disposition: attachment; filename*=iso-8859-1'fr'r%E9sum%E9.txt

            x
            --b
            Content-Type: application/octet-stream; name="=?UTF-8?B?UsOpc3Vtw6kucGRm?="

            y
            --b--
            """)
        XCTAssertEqual(m.attachments.map(\.name), ["résumé.txt", "Résumé.pdf"])
        XCTAssertEqual(m.text, "see files")
    }

    func testHTMLOnlyMailBecomesReadableText() throws {
        let m = try mail(
            """
            From: a@b.example
            Content-Type: text/html; charset=utf-8

            <html><head><style>p{color:red}</style><title>x</title></head><body>
            <p>Hello&nbsp;team,</p><p>The <b>export</b> fails:<br>see <a href="https://status.example/x">the status page</a>.</p>
            <ul><li>step one</li><li>step two</li></ul>
            <script>alert(1)</script>
            <blockquote>old text</blockquote>
            </body></html>
            """)
        XCTAssertEqual(
            m.text,
            "Hello team,\n\nThe export fails:\nsee the status page (https://status.example/x).\n- step one\n- step two")
        XCTAssertEqual(m.quoted, "> old text")
    }

    func testQuotedHistoryIsSeparatedFromTheNewText() throws {
        let gmail = try mail(
            """
            From: a@b.example

            Still broken, see below.

            On Tue, 3 Nov 2026 at 10:00, Desk Support <support@desk.example>
            wrote:
            > Please try again.
            > Thanks
            """)
        XCTAssertEqual(gmail.text, "Still broken, see below.")
        XCTAssertEqual(
            gmail.quoted,
            "On Tue, 3 Nov 2026 at 10:00, Desk Support <support@desk.example>\nwrote:\n> Please try again.\n> Thanks")
        let outlook = try mail(
            """
            From: a@b.example

            Works now, thanks!

            From: Desk Support <support@desk.example>
            Sent: Tuesday, November 3, 2026 10:00
            Subject: RE: export
            """)
        XCTAssertEqual(outlook.text, "Works now, thanks!")
        XCTAssertNotNil(outlook.quoted)
        let inline = try mail(
            """
            From: a@b.example

            > Which browser?
            Firefox 140.
            > Which version of the app?
            3.2
            """)
        XCTAssertEqual(
            inline.text, "> Which browser?\nFirefox 140.\n> Which version of the app?\n3.2", "answers between quotes stay")
        XCTAssertNil(inline.quoted)
    }

    func testAutoRepliesAndBulkMailAreRecognised() throws {
        let cases: [(String, AutoKind?)] = [
            ("Auto-Submitted: auto-replied", .autoReply),
            ("Auto-Submitted: no", nil),
            ("Precedence: bulk", .bulk),
            ("Precedence: auto_reply", .autoReply),
            ("Precedence: list", .bulk),
            ("X-Autoreply: yes", .autoReply),
            ("X-Autorespond: Out of office", .autoReply),
            ("List-Id: <news.example.com>", .bulk),
            ("Return-Path: <>", .bounce),
            ("Subject: Automatic reply: Password reset", .autoReply),
            ("Subject: Out of Office until Monday", .autoReply),
            ("Subject: Re: Out of office printer", nil),
        ]
        for (header, kind) in cases {
            let m = try mail("From: a@b.example\n\(header)\n\nbody")
            XCTAssertEqual(m.auto, kind, header)
        }
    }

    func testMalformedStructureIsReadNotRefused() throws {
        // No closing boundary (a truncated mail): the last part runs to the end.
        let open = try mail("From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\nfirst part\n--x\n\nsecond")
        XCTAssertEqual(open.text, "first part\n\nsecond")
        XCTAssertTrue(open.notes.contains("the multipart has no closing boundary"))
        // A boundary that never appears: the body is the text.
        let none = try mail("From: a@b.example\nContent-Type: multipart/mixed; boundary=zz\n\njust text")
        XCTAssertEqual(none.text, "just text")
        // No boundary parameter at all.
        let missing = try mail("From: a@b.example\nContent-Type: multipart/mixed\n\nplain")
        XCTAssertEqual(missing.text, "plain")
        // A boundary string inside a line is not a delimiter.
        let inline = try mail(
            "From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nsee --b in the middle\n--b--\n")
        XCTAssertEqual(inline.text, "see --b in the middle")
        // Bad base64 and a lone "=" in quoted-printable.
        let enc = try mail(
            "From: a@b.example\nContent-Transfer-Encoding: base64\n\nSGVsbG8*!gd29y\nbGQ")
        XCTAssertEqual(enc.text, "Hello world")
        let qp = try mail("From: a@b.example\nContent-Transfer-Encoding: quoted-printable\n\n5 = 5 =3D five =ZZ")
        XCTAssertEqual(qp.text, "5 = 5 = five =ZZ")
    }

    func testWhatCannotBeImportedSaysWhy() {
        XCTAssertThrowsError(try mail("")) { XCTAssertEqual($0 as? MailParseError, .empty) }
        XCTAssertThrowsError(try mail("just some text\nwithout headers")) { XCTAssertEqual($0 as? MailParseError, .notMail) }
        XCTAssertThrowsError(try mail("Subject: hi\nFrom: not an address\n\nbody")) {
            XCTAssertEqual($0 as? MailParseError, .noSender)
        }
        XCTAssertThrowsError(try InboundMail.parse([0x00, 0x01, 0x02, 0xFF, 0x0A])) {
            XCTAssertEqual($0 as? MailParseError, .notMail)
        }
    }

    func testOverlongHeadersAreBounded() throws {
        let long = String(repeating: "x", count: 200_000)
        var text = "From: a@b.example\nSubject: \(long)\n"
        for i in 0..<3_000 { text += "X-Junk-\(i): \(i)\n" }
        text += "\nbody"
        let m = try mail(text)
        XCTAssertTrue((16_000...MailHeaders.maxValueBytes).contains(m.subject.count), "\(m.subject.count)")
        XCTAssertEqual(m.text, "body")
    }

    func testTenThousandPartsAndFiftyMegabytes() throws {
        var text = "From: a@b.example\nContent-Type: multipart/mixed; boundary=p\n\n"
        for i in 0..<10_000 { text += "--p\nContent-Type: application/octet-stream; name=f\(i).bin\n\n\(i)\n" }
        text += "--p--\n"
        let many = try mail(text)
        XCTAssertEqual(many.attachments.count, 10_000)
        XCTAssertEqual(many.attachments.last?.name, "f9999.bin")

        // 50 MB: a base64 attachment of 37.5 MB decoded.
        var big = Array(
            "From: a@b.example\nContent-Type: multipart/mixed; boundary=q\n\n--q\n\nsee attached\n--q\nContent-Type: application/zip\nContent-Transfer-Encoding: base64\n\n"
                .utf8)
        let line = Array(String(repeating: "QUJD", count: 19).utf8) + [0x0A]
        big.reserveCapacity(50 * 1_048_576 + 100)
        while big.count < 50 * 1_048_576 { big += line }
        big += Array("--q--\n".utf8)
        let m = try InboundMail.parse(big)
        XCTAssertEqual(m.text, "see attached")
        XCTAssertGreaterThan(m.attachments.first?.size ?? 0, 38_000_000)
    }

    func testDatesInTheFormsMailCarries() throws {
        let cases: [(String, Int?)] = [
            ("Tue, 3 Nov 2026 09:15:00 +0100", 1_793_693_700),
            ("3 Nov 2026 08:15 GMT", 1_793_693_700),
            ("Tue, 03 Nov 26 03:15:00 EST", 1_793_693_700),
            ("Nov 3 2026 08:15:00 +0000", 1_793_693_700),
            ("yesterday", nil),
            ("Tue, 31 Foo 2026 10:00:00 +0000", nil),
        ]
        for (raw, expected) in cases {
            XCTAssertEqual(MailDate.parse(raw).map { Int($0.timeIntervalSince1970) }, expected, raw)
        }
    }
}
