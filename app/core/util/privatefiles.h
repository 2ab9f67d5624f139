#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace longlink {

// Files and folders only the user may read: the chat history, its WAL
// files, private plugin copies. Their modes are set explicitly, whatever the
// umask, and an existing one that is too open is tightened.
class PrivateFiles
{
    Q_DECLARE_TR_FUNCTIONS(PrivateFiles)

public:
    // Creates `folder` (and missing parents) and makes it 0700. If it was
    // open to others, `note` says so and what was done. False and `error`
    // if it cannot be made or tightened.
    static bool ensureFolder(const QString &folder, QString *note, QString *error);
    // Creates an empty `file` 0600 if it does not exist; tightens it to 0600
    // if it does. False and `error` on failure.
    static bool ensureFile(const QString &file, QString *note, QString *error);
    // Tightens `file` to 0600 if it exists (a WAL file SQLite made earlier).
    static void tighten(const QString &file, QString *note);
};

} // namespace longlink
