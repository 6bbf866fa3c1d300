import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A queue for the database's write lock, shared by every desk process on the host.
///
/// SQLite keeps no queue for its write lock: a connection that finds it taken sleeps and tries
/// again, its sleeps growing to 100 ms. With many writers the lock falls free while every waiter
/// sleeps, and the longest waiters (sleeping longest) keep losing it to newcomers until their
/// busy timeout runs out: `desk stress --agents 100` got "database is locked" that way
/// (docs/bench.md). So a desk write first waits on a process-shared mutex in a small file beside
/// the database: waiters sleep in the kernel and one is woken the moment the writer before it
/// is done. The mutex is robust (a writer killed while holding it hands it on) and waited on
/// for at most `timeout`; after that the write goes ahead and SQLite's busy wait decides, as
/// without the gate. The gate only orders desk's writers; SQLite's lock still keeps them apart.
final class WriterGate: @unchecked Sendable {
    // @unchecked: the mutex lives in shared memory and is only touched through pthread calls.

    static let timeout: Int = 5

    #if os(Linux)
        private let mutex: UnsafeMutablePointer<pthread_mutex_t>?
    #endif

    /// The gate of the database at `path` (one per process and database).
    static func at(_ path: String) -> WriterGate {
        registry.lock()
        defer { registry.unlock() }
        if let gate = gates[path] { return gate }
        let gate = WriterGate(file: path + "-writers", database: path)
        gates[path] = gate
        return gate
    }

    nonisolated(unsafe) private static var gates: [String: WriterGate] = [:]
    private static let registry = NSLock()

    /// Runs `body` (one write transaction) holding the gate, or without it when waiting took too long.
    func around<T>(_ body: () throws -> T) rethrows -> T {
        #if os(Linux)
            guard let mutex else { return try body() }
            var until = timespec()
            clock_gettime(CLOCK_REALTIME, &until)
            until.tv_sec += Self.timeout
            var rc = pthread_mutex_timedlock(mutex, &until)
            if rc == EOWNERDEAD {
                // Its last holder died mid-write; SQLite rolled that write back.
                pthread_mutex_consistent(mutex)
                rc = 0
            }
            defer { if rc == 0 { pthread_mutex_unlock(mutex) } }
            return try body()
        #else
            return try body()
        #endif
    }

    #if os(Linux)
        /// Bumped whenever the layout of the file changes.
        private static let magic: UInt64 = 0x6465_736B_6761_7401  // "deskgat" 1
        private static let size = 4096
        private static let mutexOffset = 64

        /// Maps the gate file, setting up the mutex if no process has yet. It gets the database's
        /// permissions, as SQLite gives its `-wal` and `-shm`, so every agent who may write may queue.
        /// Without the file (a read-only folder, another user's file), there is no gate: writes wait
        /// as SQLite makes them.
        private init(file: String, database: String) {
            var db = stat()
            let mode = stat(database, &db) == 0 ? mode_t(db.st_mode & 0o666) : 0o644
            let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, mode)
            if fd >= 0 { fchmod(fd, mode) }  // past the umask, as SQLite does
            guard fd >= 0 else {
                mutex = nil
                return
            }
            defer { close(fd) }  // the mapping outlives the descriptor
            flock(fd, LOCK_EX)  // one process sets it up; the others wait and find it ready
            defer { flock(fd, LOCK_UN) }
            var st = stat()
            guard fstat(fd, &st) == 0, st.st_size >= Self.size || ftruncate(fd, off_t(Self.size)) == 0,
                let base = mmap(nil, Self.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), base != MAP_FAILED
            else {
                mutex = nil
                return
            }
            let m = (base + Self.mutexOffset).bindMemory(to: pthread_mutex_t.self, capacity: 1)
            if base.load(as: UInt64.self) != Self.magic {
                var attr = pthread_mutexattr_t()
                pthread_mutexattr_init(&attr)
                pthread_mutexattr_setpshared(&attr, Int32(PTHREAD_PROCESS_SHARED))
                pthread_mutexattr_setrobust(&attr, Int32(PTHREAD_MUTEX_ROBUST))
                pthread_mutex_init(m, &attr)
                pthread_mutexattr_destroy(&attr)
                base.storeBytes(of: Self.magic, as: UInt64.self)
            }
            mutex = m
        }
    #else
        private init(file: String, database: String) {}
    #endif
}
