import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file or folder desk could not use, said as one sentence that names it:
/// "cannot read /x/y.mbox: no such file".
///
/// Foundation and the system describe the same failure as `Error Domain=NSCocoaErrorDomain
/// Code=260 …`, which names neither the problem in words nor, always, the file. Every error they
/// throw about a file becomes a `FileProblem` before a person sees it (`Files` does it for the
/// usual reads and writes; `init(escaped:)` catches what slipped past).
public struct FileProblem: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// What desk was doing with the file; the sentence starts "cannot <action> <path>".
    public enum Action: String, Sendable {
        case read = "read"
        case write = "write"
        case list = "list the folder"
        case createFolder = "create the folder"
        case use = "use"
    }

    public var action: Action
    public var path: String
    public var reason: String

    public init(_ action: Action, path: String, reason: String) {
        self.action = action
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(action.rawValue) \(path): \(reason)" }
    public var errorDescription: String? { description }
}

// MARK: - From Foundation and the system

extension FileProblem {
    /// What Foundation or the system threw while doing `action` on `path`, in words.
    public init(_ action: Action, path: String, error: any Error) {
        self.init(action, path: path, reason: Self.reason(for: error, action: action))
    }

    /// A failed system call's `errno`, in words.
    public init(_ action: Action, path: String, errno code: Int32) {
        self.init(action, path: path, reason: Self.reason(errno: code, action: action))
    }

    /// An error that reached the top of a command without its context: a Cocoa or POSIX error
    /// becomes a sentence about the file it carries; nil for any other error (it speaks for itself).
    public init?(escaped error: any Error) {
        if error is FileProblem { return nil }
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        // Cocoa's file codes say the direction: 256…511 reading, 512…1023 writing.
        var action = Action.use
        if ns.domain == NSCocoaErrorDomain {
            if (256..<512).contains(ns.code) { action = .read }
            if (512..<1024).contains(ns.code) { action = .write }
        }
        self.init(action, path: path ?? "a file", error: error)
    }

    static func reason(for error: any Error, action: Action) -> String {
        if let problem = error as? FileProblem { return problem.reason }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code), action: action) }
        guard ns.domain == NSCocoaErrorDomain else {
            if let text = (error as? LocalizedError)?.errorDescription { return text }
            return "\(error)"
        }
        // Foundation on Linux keeps the system's errno underneath: the most precise reason there is.
        if let under = ns.userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = under as NSError
            if posix.domain == NSPOSIXErrorDomain { return reason(errno: Int32(posix.code), action: action) }
        }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT, action: action)
        case .fileReadNoPermission, .fileWriteNoPermission: return reason(errno: EACCES, action: action)
        case .fileWriteOutOfSpace: return reason(errno: ENOSPC, action: action)
        case .fileWriteVolumeReadOnly: return reason(errno: EROFS, action: action)
        case .fileWriteFileExists: return reason(errno: EEXIST, action: action)
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "that is not a valid file name"
        case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return "the text is not UTF-8"
        case .fileReadTooLarge: return "the file is too large"
        case .fileReadCorruptFile: return "the file is damaged"
        default: return "the system refused (Foundation error \(ns.code))"
        }
    }

    static func reason(errno code: Int32, action: Action) -> String {
        let folderish = action == .list || action == .createFolder
        switch code {
        case ENOENT: return folderish ? "no such folder" : action == .write ? "its folder does not exist" : "no such file"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return action == .list ? "it is a file, not a folder" : "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder, not a file"
        case EEXIST: return folderish ? "a file of that name is in the way" : "it already exists"
        case EROFS: return "the file system is read-only"
        case ENOSPC, EDQUOT: return "no space left on the device"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "too many levels of symbolic links"
        case EMFILE, ENFILE: return "too many files are open"
        case EBUSY, ETXTBSY: return "it is in use"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
