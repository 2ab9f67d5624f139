#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace longlink {

// Whether a file may hold code that runs with the user's rights, by the
// rules of OpenSSH's StrictModes: the file and every folder from it up to
// "/" are owned by the user or root and writable by nobody else, since
// whoever can write or rename any of them can swap the code. A folder
// writable by others is accepted only with the sticky bit (like /tmp), where
// others cannot rename or remove what they do not own, and then only if
// what follows in the path is the user's or root's. Symbolic links are
// followed, and each link and its target path are held to the same rules.
// Read from the file system each time: never a cached answer.
class PathTrust
{
    Q_DECLARE_TR_FUNCTIONS(PathTrust)

public:
    struct Verdict
    {
        bool trusted = false;
        QString path; // the file or folder that broke a rule
        QString reason; // the rule, and what to do, in words a user can act on
    };

    // `user` is whose code it would be (getuid() by default).
    static Verdict check(const QString &path);
    static Verdict check(const QString &path, uint user);
};

} // namespace longlink
