import DeskModel
import Foundation
import XCTest

/// A claim's source has a deliberate JSON shape (issue 20 point 20), and packages stored before
/// it (Swift's synthesized `{"message": {"_0": 3}}`) still read.
final class ClaimSourceCodingTests: XCTestCase {
    func json(_ c: Claim) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(c), as: UTF8.self)
    }

    func testTheShapeIsKindAndValue() throws {
        let c = Claim(text: "VIP", sources: [.message(3), .field("customer.tier"), .rule("sla.vip")])
        XCTAssertEqual(
            try json(c),
            #"{"sources":[{"kind":"message","number":3},{"kind":"field","name":"customer.tier"},{"kind":"rule","name":"sla.vip"}],"text":"VIP"}"#
        )
        XCTAssertEqual(try JSONDecoder().decode(Claim.self, from: Data(try json(c).utf8)), c)
    }

    func testPackagesStoredInTheOldShapeStillRead() throws {
        let old = #"{"text":"VIP","sources":[{"message":{"_0":3}},{"field":{"_0":"customer.tier"}},{"rule":{"_0":"sla.vip"}}]}"#
        XCTAssertEqual(
            try JSONDecoder().decode(Claim.self, from: Data(old.utf8)),
            Claim(text: "VIP", sources: [.message(3), .field("customer.tier"), .rule("sla.vip")]))
        XCTAssertThrowsError(try JSONDecoder().decode(ClaimSource.self, from: Data(#"{"kind":"ticket","number":1}"#.utf8)))
    }
}
