import Foundation
import XCTest

/// Runs the real `desk` binary: `$DESK_BIN`, else the debug build in this checkout.
enum DeskBinary {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var path: String {
        if let p = ProcessInfo.processInfo.environment["DESK_BIN"], !p.isEmpty { return p }
        return root.appendingPathComponent(".build/debug/desk").path
    }

    struct Output { var status: Int32; var stdout: String; var stderr: String }

    /// Runs desk with arguments (and optional stdin), waiting for it to finish.
    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Output {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw NSError(
                domain: "desk-e2e", code: 1,
                userInfo: [NSLocalizedDescriptionKey: "no desk binary at \(path): run `swift build` (make test does)"])
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DESK_AGENT")
        environment.removeValue(forKey: "DESK_DB")
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs a shell command and returns what it printed (for pgrep and the like).
    static func shell(_ command: String) throws -> String {
        guard let pipe = popen(command, "r") else { return "" }
        defer { pclose(pipe) }
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A demo database in a fresh temporary folder, at a fixed instant.
    static func demoDatabase(now: String = "2026-11-21T10:00:00Z") throws -> String {
        let dir = NSTemporaryDirectory() + "desk-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/desk.sqlite"
        let r = try run(["demo", "--db", path, "--now", now])
        XCTAssertEqual(r.status, 0, r.stderr)
        return path
    }
}
