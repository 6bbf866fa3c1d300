// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "desk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "desk", targets: ["desk"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Two wrappers for SQLite's variadic configuration calls (Swift cannot call variadic C).
        .target(
            name: "CSQLiteTuning",
            path: "Sources/CSQLiteTuning",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .target(
            name: "DeskModel",
            dependencies: [
                "CSQLiteTuning",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        .target(
            name: "DeskTUI",
            dependencies: ["DeskModel", "CNcurses"]
        ),
        .executableTarget(
            name: "desk",
            dependencies: [
                "DeskModel", "DeskTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DeskModelTests",
            dependencies: ["DeskModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "DeskTUITests", dependencies: ["DeskTUI", "DeskModel"]),
    ]
)

// The parser's fuzz target exists only for `make fuzz` (DESK_FUZZ=1 with --sanitize=fuzzer):
// libFuzzer supplies its `main`, so an ordinary build could not link it.
if ProcessInfo.processInfo.environment["DESK_FUZZ"] != nil {
    package.products.append(.executable(name: "desk-fuzz", targets: ["DeskFuzz"]))
    package.targets.append(.executableTarget(name: "DeskFuzz", dependencies: ["DeskModel"], path: "Sources/DeskFuzz"))
}
