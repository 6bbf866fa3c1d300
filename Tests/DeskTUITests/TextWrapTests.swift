import XCTest

@testable import DeskTUI

/// The ASCII fast path must wrap exactly as the general grapheme path does.
final class TextWrapTests: XCTestCase {
    func testASCIIFastPathAgreesWithTheGeneralPath() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab cd  efghij klmnopqrstuvwxyz   ,.")
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...90, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
            let width = Int.random(in: 1...20, using: &rng)
            XCTAssertEqual(
                TextWrap.wrapASCII(Array(text.utf8), width: width), TextWrap.wrapGraphemes(text, width: width),
                "'\(text)' at \(width)")
        }
    }
}
