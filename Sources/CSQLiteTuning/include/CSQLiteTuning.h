#ifndef DESK_CSQLITE_TUNING_H
#define DESK_CSQLITE_TUNING_H

#include <sqlite3.h>

/// Turns off SQLite's global allocation statistics (a mutex and counters on every malloc).
/// Effective only before SQLite is first used; returns SQLite's result code.
int desk_sqlite_disable_memstatus(void);

/// Gives one connection a larger lookaside allocator (`count` slots of `size` bytes), so
/// the small allocations of statement execution stay off the global heap.
int desk_sqlite_lookaside(sqlite3 *db, int size, int count);

#endif
