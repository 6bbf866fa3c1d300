import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The file reads and writes a person asks for (imports, exports, policy and database files):
/// a write makes the folders it needs, and every failure is a `FileProblem` naming the file.
public enum Files {
    /// A whole file's bytes.
    public static func read(_ path: String) throws -> Data {
        if isFolder(path) { throw FileProblem(.read, path: path, errno: EISDIR) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FileProblem(.read, path: path, error: error)
        }
    }

    /// A file opened for reading in pieces (a large import, a stream of lines).
    public static func openForReading(_ path: String) throws -> FileHandle {
        // open(2) accepts a folder; the first read would then fail far from here.
        if isFolder(path) { throw FileProblem(.read, path: path, errno: EISDIR) }
        do {
            return try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw FileProblem(.read, path: path, error: error)
        }
    }

    /// Writes `data` to `path` atomically, creating the folders above it first.
    public static func write(_ data: Data, to path: String) throws {
        try createParentFolder(of: path)
        if isFolder(path) { throw FileProblem(.write, path: path, errno: EISDIR) }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FileProblem(.write, path: path, error: error)
        }
    }

    /// Creates `path` and any folder above it; a folder already there is fine.
    public static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileProblem(.createFolder, path: path, error: error)
        }
        // createDirectory accepts a file in the way on some platforms; the caller needs a folder.
        if !isFolder(path) { throw FileProblem(.createFolder, path: path, errno: EEXIST) }
    }

    /// Creates the folder a file will be written into.
    public static func createParentFolder(of path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try createFolder(dir) }
    }

    /// The names in a folder (not sorted).
    public static func list(_ folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw FileProblem(.list, path: folder, error: error)
        }
    }

    public static func isFolder(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
    }
}
