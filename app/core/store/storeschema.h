#pragma once

#include <QtCore/QString>
#include <QtSql/QSqlDatabase>

namespace longlink {

// The store's tables and how each earlier layout is brought up to date.
// The version lives in SQLite's `PRAGMA user_version`; a file from before
// versioning (user_version 0 with tables) is version 1, the first schema
// that shipped. Migrations run in one transaction at open: a file is either
// fully migrated or left as it was.
class StoreSchema
{
public:
    static constexpr int kCurrentVersion = 5;

    // The schema version of an open database (0: empty).
    static int version(QSqlDatabase &db);
    // Creates or migrates to kCurrentVersion. False and `error` on failure.
    static bool migrate(QSqlDatabase &db, QString *error);
};

} // namespace longlink
