#include "pathtrust.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QStringList>

#include <optional>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

#ifdef Q_OS_UNIX
namespace {
constexpr int kMaxLinks = 40; // as the kernel's ELOOP limit

QString userName(uid_t uid)
{
    if (const passwd *entry = ::getpwuid(uid))
        return QString::fromLocal8Bit(entry->pw_name);
    return QString::number(uid);
}

class Walker
{
    Q_DECLARE_TR_FUNCTIONS(PathTrust)

public:
    explicit Walker(uid_t user) : m_user(user) { }

    PathTrust::Verdict walk(const QString &path)
    {
        const QString absolute = QDir::cleanPath(
                QDir::isAbsolutePath(path) ? path : QDir::currentPath() + u'/' + path);
        struct stat root
        {
        };
        if (::lstat("/", &root) != 0)
            return refuse(u"/"_s, tr("cannot read it: %1").arg(errnoText()));
        if (auto refused = judge(u"/"_s, root, true))
            return *refused;
        return walkFrom(u"/"_s, absolute.split(u'/', Qt::SkipEmptyParts));
    }

private:
    PathTrust::Verdict walkFrom(QString current, QStringList rest)
    {
        bool parentShared = false; // the folder we are in is sticky and writable by others
        {
            struct stat here
            {
            };
            if (::lstat(QFile::encodeName(current).constData(), &here) == 0)
                parentShared = isSharedSticky(here);
        }
        while (!rest.isEmpty()) {
            const QString name = rest.takeFirst();
            const QString next
                    = current == u"/"_s ? QString(u'/' + name) : QString(current + u'/' + name);
            struct stat entry
            {
            };
            if (::lstat(QFile::encodeName(next).constData(), &entry) != 0)
                return refuse(next, tr("cannot read it: %1").arg(errnoText()));
            if (S_ISLNK(entry.st_mode)) {
                // Who may change the link matters as much as where it points.
                if (entry.st_uid != m_user && entry.st_uid != 0)
                    return refuse(next,
                            tr("this symbolic link belongs to %1, not to you or root; remove it "
                               "or make your own")
                                    .arg(userName(entry.st_uid)));
                if (++m_links > kMaxLinks)
                    return refuse(next, tr("too many symbolic links"));
                const QByteArray target = readLink(next);
                if (target.isEmpty())
                    return refuse(next, tr("cannot read the symbolic link: %1").arg(errnoText()));
                const QString targetPath = QFile::decodeName(target);
                const QString resolved = QDir::cleanPath(QDir::isAbsolutePath(targetPath)
                                ? targetPath
                                : current + u'/' + targetPath);
                QStringList again = resolved.split(u'/', Qt::SkipEmptyParts);
                again += rest;
                // The target is walked from "/": its own folders count too.
                struct stat root
                {
                };
                ::lstat("/", &root);
                if (auto refused = judge(u"/"_s, root, true))
                    return *refused;
                return walkFrom(u"/"_s, again);
            }
            if (parentShared && entry.st_uid != m_user && entry.st_uid != 0)
                return refuse(next,
                        tr("it belongs to %1 and lies in a folder everyone may write to; only "
                           "your own or root's files are trusted there")
                                .arg(userName(entry.st_uid)));
            if (auto refused = judge(next, entry, S_ISDIR(entry.st_mode)))
                return *refused;
            parentShared = S_ISDIR(entry.st_mode) && isSharedSticky(entry);
            current = next;
        }
        return { true, QString(), QString() };
    }

    std::optional<PathTrust::Verdict> judge(
            const QString &path, const struct stat &entry, bool folder)
    {
        if (entry.st_uid != m_user && entry.st_uid != 0)
            return refuse(path,
                    tr("it belongs to %1, not to you or root: another account could change "
                       "what runs here")
                            .arg(userName(entry.st_uid)));
        const bool groupWrite = entry.st_mode & S_IWGRP;
        const bool otherWrite = entry.st_mode & S_IWOTH;
        if (folder && isSharedSticky(entry))
            return std::nullopt; // like /tmp: checked by what lies inside
        if (otherWrite)
            return refuse(path,
                    folder ? tr("every user may write to this folder; run: chmod o-w '%1'")
                                     .arg(path)
                           : tr("every user may write to this file; run: chmod o-w '%1'")
                                     .arg(path));
        if (groupWrite)
            return refuse(path,
                    folder ? tr("its group may write to this folder; run: chmod g-w '%1'").arg(path)
                           : tr("its group may write to this file; run: chmod g-w '%1'").arg(path));
        return std::nullopt;
    }

    static bool isSharedSticky(const struct stat &entry)
    {
        return S_ISDIR(entry.st_mode) && (entry.st_mode & S_ISVTX)
                && (entry.st_mode & (S_IWGRP | S_IWOTH));
    }

    static QByteArray readLink(const QString &path)
    {
        QByteArray buffer(4096, Qt::Uninitialized);
        const ssize_t length = ::readlink(
                QFile::encodeName(path).constData(), buffer.data(), size_t(buffer.size()));
        if (length <= 0 || length >= buffer.size())
            return QByteArray();
        buffer.truncate(length);
        return buffer;
    }

    static QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }

    static PathTrust::Verdict refuse(const QString &path, const QString &reason)
    {
        return { false, path, reason };
    }

    uid_t m_user;
    int m_links = 0;
};
} // namespace

PathTrust::Verdict PathTrust::check(const QString &path)
{
    return check(path, uint(::getuid()));
}

PathTrust::Verdict PathTrust::check(const QString &path, uint user)
{
    return Walker(uid_t(user)).walk(path);
}
#else
// Other systems guard their program folders by ACLs; not checked here yet.
PathTrust::Verdict PathTrust::check(const QString &)
{
    return { true, QString(), QString() };
}

PathTrust::Verdict PathTrust::check(const QString &path, uint)
{
    return check(path);
}
#endif

} // namespace longlink
