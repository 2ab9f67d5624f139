#include "privatefiles.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

#ifdef Q_OS_UNIX
namespace {
QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString modeText(mode_t mode)
{
    return u"0%1"_s.arg(uint(mode & 07777), 3, 8, QChar(u'0'));
}

// Sets `path` to `wanted` if it allows more; notes what it was.
bool restrict(const QString &path, mode_t wanted, QString *note, QString *error)
{
    struct stat status
    {
    };
    const QByteArray name = QFile::encodeName(path);
    if (::stat(name.constData(), &status) != 0) {
        if (error)
            *error = PrivateFiles::tr("cannot read %1: %2").arg(path, errnoText());
        return false;
    }
    const mode_t current = status.st_mode & 07777;
    if ((current & ~wanted) == 0)
        return true;
    if (::chmod(name.constData(), wanted) != 0) {
        if (error)
            *error = PrivateFiles::tr("%1 is readable by other users (%2) and cannot be made "
                                      "private: %3")
                             .arg(path, modeText(current), errnoText());
        return false;
    }
    if (note)
        *note = PrivateFiles::tr("%1 was open to other users (%2); made it %3")
                        .arg(path, modeText(current), modeText(wanted));
    return true;
}
} // namespace

bool PrivateFiles::ensureFolder(const QString &folder, QString *note, QString *error)
{
    const QByteArray name = QFile::encodeName(folder);
    if (!QFileInfo::exists(folder)) {
        const QString parent = QFileInfo(folder).absolutePath();
        if (!QDir().mkpath(parent)) {
            if (error)
                *error = tr("cannot create the folder %1").arg(parent);
            return false;
        }
        // Made 0700 from the start: there is no moment when it is open.
        if (::mkdir(name.constData(), 0700) != 0 && errno != EEXIST) {
            if (error)
                *error = tr("cannot create the folder %1: %2").arg(folder, errnoText());
            return false;
        }
    }
    return restrict(folder, 0700, note, error);
}

bool PrivateFiles::ensureFile(const QString &file, QString *note, QString *error)
{
    if (QFileInfo::exists(file))
        return restrict(file, 0600, note, error);
    const int fd = ::open(
            QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        if (error)
            *error = tr("cannot create %1: %2").arg(file, errnoText());
        return false;
    }
    if (fd >= 0)
        ::close(fd);
    return restrict(file, 0600, note, error);
}

void PrivateFiles::tighten(const QString &file, QString *note)
{
    if (QFileInfo::exists(file))
        restrict(file, 0600, note, nullptr);
}
#else
// Other systems: the per-user profile folders are private by their ACLs.
bool PrivateFiles::ensureFolder(const QString &folder, QString *, QString *error)
{
    if (QDir().mkpath(folder))
        return true;
    if (error)
        *error = tr("cannot create the folder %1").arg(folder);
    return false;
}

bool PrivateFiles::ensureFile(const QString &file, QString *, QString *error)
{
    QFile f(file);
    if (f.open(QIODevice::Append))
        return true;
    if (error)
        *error = tr("cannot create %1: %2").arg(file, f.errorString());
    return false;
}

void PrivateFiles::tighten(const QString &, QString *) { }
#endif

} // namespace longlink
