// sqlite3_config and sqlite3_db_config are variadic, which Swift cannot call: these two
// wrappers are the only C in desk besides the system headers.
#include "CSQLiteTuning.h"

int desk_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int desk_sqlite_lookaside(sqlite3 *db, int size, int count) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, (void *)0, size, count);
}
