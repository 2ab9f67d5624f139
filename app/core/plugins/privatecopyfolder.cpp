#include "privatecopyfolder.h"

#include "logging.h"
#include "privatefiles.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLockFile>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
const QString kLockName = u".lock"_s;
// A folder is made before its lock: one without a lock is left alone this long.
constexpr qint64 kUnlockedGraceSeconds = 60;
} // namespace

QString PrivateCopyFolder::root()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return base + u"/longlink"_s;
}

PrivateCopyFolder::PrivateCopyFolder(const QString &kind)
{
    QString note;
    if (!PrivateFiles::ensureFolder(root(), &note, &m_error))
        return;
    if (!note.isEmpty())
        qCWarning(lcHost).noquote() << note;
    // QTemporaryDir makes it 0700.
    m_dir = std::make_unique<QTemporaryDir>(root() + u'/' + kind + u"-XXXXXX"_s);
    if (!m_dir->isValid()) {
        m_error = tr("cannot create a private folder in %1: %2").arg(root(), m_dir->errorString());
        m_dir.reset();
        return;
    }
    m_lock = std::make_unique<QLockFile>(m_dir->filePath(kLockName));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        m_error = tr("cannot lock the private folder %1").arg(m_dir->path());
        m_lock.reset();
        m_dir.reset();
    }
}

PrivateCopyFolder::~PrivateCopyFolder()
{
    m_lock.reset(); // unlocked, then removed with the folder
    m_dir.reset();
}

bool PrivateCopyFolder::isValid() const
{
    return m_dir && m_lock;
}

QString PrivateCopyFolder::path() const
{
    return m_dir ? m_dir->path() : QString();
}

int PrivateCopyFolder::removeStale()
{
    int removed = 0;
    const QFileInfoList folders = QDir(root()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QFileInfo &folder : folders) {
        const QString lockPath = folder.absoluteFilePath() + u'/' + kLockName;
        if (!QFileInfo::exists(lockPath)) {
            if (folder.lastModified().secsTo(now) < kUnlockedGraceSeconds)
                continue;
        } else {
            // A live process holds its lock; a dead one's lock is stale.
            QLockFile lock(lockPath);
            lock.setStaleLockTime(0);
            if (!lock.tryLock(0))
                continue;
            lock.unlock();
        }
        if (QDir(folder.absoluteFilePath()).removeRecursively()) {
            qCInfo(lcHost).noquote() << "removed private plugin copies left by an earlier run:"
                                     << folder.absoluteFilePath();
            ++removed;
        }
    }
    return removed;
}

} // namespace longlink
