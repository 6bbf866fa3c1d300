import DeskModel
import XCTest

/// A YAML syntax error names where the parser noticed it and where the broken construct began
/// (issue 20 point 22): a `[` left open on line 3 is noticed on line 4.
final class PolicySyntaxErrorTests: XCTestCase {
    func issue(_ yaml: String) -> PolicyIssue? {
        do {
            _ = try Policy.parse(yaml: yaml, file: "policy.yaml")
            return nil
        } catch let error as PolicyError {
            XCTAssertEqual(error.issues.count, 1, "\(error.issues)")
            return error.issues.first
        } catch {
            XCTFail("unexpected: \(error)")
            return nil
        }
    }

    /// (policy, line noticed, text that must be in the message: where it began)
    let cases: [(name: String, yaml: String, line: Int, began: String)] = [
        (
            "flow sequence left open",
            "branches:\n  - name: A\n    tier: [tier1\ndefault_branch: A\n", 4,
            "while parsing a flow sequence that began at line 3, column 11"
        ),
        (
            "flow mapping left open",
            "branches:\n  - {name: A, tier: tier1\ndefault_branch: A\nrouting: []\n", 3,
            "while parsing a flow mapping that began at line 2, column 5"
        ),
        (
            "quoted scalar never closed",
            "branches:\n  - name: \"Billing\n    tier: tier1\ndefault_branch: A\n", 5,
            "while scanning a quoted scalar that began at line 2, column 11"
        ),
        (
            "a key at the wrong indentation",
            "branches:\n  - name: A\n    tier: tier1\n   assignment: manual\ndefault_branch: A\n", 4,
            "while parsing a block collection that began at line 2, column 3"
        ),
    ]

    func testTheErrorNamesWhereTheConstructBegan() {
        for c in cases {
            guard let i = issue(c.yaml) else {
                XCTFail("\(c.name): parsed without error")
                continue
            }
            XCTAssertEqual(i.line, c.line, "\(c.name): \(i)")
            XCTAssertTrue(i.message.hasPrefix("not valid YAML: "), "\(c.name): \(i)")
            XCTAssertTrue(i.message.contains(c.began), "\(c.name): \(i)")
        }
    }

    /// When libyaml gives no context there is no "began" clause to invent.
    func testAnErrorWithoutContextSaysOnlyWhereItWasNoticed() throws {
        let i = try XCTUnwrap(issue("branches:\n  - name: A\ndefault_branch: A: B\n"))
        XCTAssertEqual(i.line, 3, "\(i)")
        XCTAssertFalse(i.message.contains("began"), "\(i)")
        // A tab where indentation is expected: noticed on line 3, inside the scalar begun on line 2.
        let tab = try XCTUnwrap(issue("branches:\n  - name: A\n\ttier: tier1\ndefault_branch: A\n"))
        XCTAssertEqual(tab.line, 3, "\(tab)")
        XCTAssertTrue(tab.message.contains("found a tab character"), "\(tab)")
        XCTAssertTrue(tab.message.contains("that began at line 2, column 11"), "\(tab)")
    }

    /// A template's front matter counts the `---` line above it, in both lines.
    func testTemplateFrontMatterLinesCountTheOpeningDashes() {
        let text = "---\nname: x\ntags: [a, b\nproduct_area: billing\n---\nHello\n"
        let (_, issues) = TemplateFile.parse(text, file: "x.md", customFields: [])
        XCTAssertEqual(issues.first?.line, 4, "\(issues)")
        XCTAssertTrue(issues.first?.message.contains("began at line 3, column 7") ?? false, "\(issues)")
    }
}
