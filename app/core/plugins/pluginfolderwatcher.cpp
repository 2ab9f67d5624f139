#include "pluginfolderwatcher.h"

#include "filewritetracker.h"
#include "logging.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLibrary>

#include <algorithm>

namespace longlink {

PluginFolderWatcher::PluginFolderWatcher(QObject *parent) : QObject(parent)
{
    m_clock.start();
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString &folder) {
        scanFolder(folder);
        rewatch(); // a folder that was deleted and made again needs a new watch
    });
    // Folder watches do not see a file rewritten in place (cp over an
    // existing file only modifies it), so each library file is watched too.
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this,
            [this](const QString &path) { scanFolder(QFileInfo(path).absolutePath()); });
    // While a file is unsettled we look again every 50 ms: a writer that
    // appends without touching the folder's entries sends no notification.
    // A watched folder that is deleted loses its watch; look once a second
    // for folders that (re)appeared.
    m_rewatchTimer.setInterval(1000);
    connect(&m_rewatchTimer, &QTimer::timeout, this, [this] {
        const QStringList watched = m_watcher.directories();
        for (const QString &folder : std::as_const(m_folders)) {
            if (!watched.contains(folder) && QFileInfo(folder).isDir()) {
                m_watcher.addPath(folder);
                scanFolder(folder);
            }
        }
        if (m_writes)
            m_writes->rewatch(); // tells of folders it (re)watched itself
    });
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &PluginFolderWatcher::checkPending);
    setWriteTracking(true);
}

PluginFolderWatcher::~PluginFolderWatcher() = default;

void PluginFolderWatcher::setWriteTracking(bool enabled)
{
    if (!enabled) {
        m_writes.reset();
        return;
    }
    if (m_writes)
        return;
    // Beside the QFileSystemWatcher, not instead of it: that one stays the
    // source of change notices everywhere (and watches the targets of
    // symbolic links); this one only adds which files are whole.
    auto writes = std::make_unique<FileWriteTracker>();
    if (!writes->isAvailable())
        return;
    connect(writes.get(), &FileWriteTracker::folderChanged, this, &PluginFolderWatcher::scanFolder);
    writes->setFolders(m_folders);
    m_writes = std::move(writes);
}

bool PluginFolderWatcher::isTrackingWrites() const
{
    return m_writes != nullptr;
}

void PluginFolderWatcher::setFolders(const QStringList &folders)
{
    m_folders = folders;
    if (m_writes)
        m_writes->setFolders(folders);
    rewatch();
    m_rewatchTimer.start();
}

void PluginFolderWatcher::rewatch()
{
    const QStringList watched = m_watcher.directories();
    for (const QString &folder : m_folders) {
        if (!watched.contains(folder) && QFileInfo(folder).isDir())
            m_watcher.addPath(folder);
    }
    if (m_writes)
        m_writes->rewatch();
}

PluginFolderWatcher::Stamp PluginFolderWatcher::Stamp::of(const QFileInfo &file)
{
    const QFileInfo folder(file.absolutePath());
    const QFileInfo signature(file.absoluteFilePath() + u".sig");
    return { file.size(), file.lastModified(), file.permissions(), folder.permissions(),
        file.ownerId(), folder.ownerId(), signature.exists() ? signature.size() : -1,
        signature.exists() ? signature.lastModified() : QDateTime() };
}

bool PluginFolderWatcher::Stamp::sameContent(const Stamp &other) const
{
    return size == other.size && modified == other.modified && signatureSize == other.signatureSize
            && signatureModified == other.signatureModified;
}

void PluginFolderWatcher::noteCompletion(const QString &path, Tracked &tracked) const
{
    if (!m_writes)
        return;
    // The file or its signature was finished since the last look: the
    // stamp now is the one of whole content.
    const quint64 completion
            = std::max(m_writes->completion(path), m_writes->completion(path + u".sig"));
    if (completion != tracked.completion) {
        tracked.completion = completion;
        tracked.completeStamp = tracked.stamp;
    }
}

bool PluginFolderWatcher::isKnownComplete(const QString &path, const Tracked &tracked) const
{
    // Closed (or renamed in) after its last write, no write since, its
    // signature not being written, and its size and time as they were then
    // (a write through a memory map tells inotify nothing; a chmod may
    // change the stamp, not the content).
    using State = FileWriteTracker::State;
    return m_writes && m_writes->state(path) == State::Complete
            && m_writes->state(path + u".sig") != State::Writing
            && tracked.stamp.sameContent(tracked.completeStamp);
}

void PluginFolderWatcher::scanAll()
{
    rewatch();
    for (const QString &folder : m_folders)
        scanFolder(folder);
}

void PluginFolderWatcher::scanFolder(const QString &folder)
{
    const qint64 now = m_clock.elapsed();
    const QDir dir(folder);
    QSet<QString> present;
    const QFileInfoList entries = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (!QLibrary::isLibrary(entry.fileName()))
            continue;
        const QString path = entry.absoluteFilePath();
        present.insert(path);
        if (!m_watcher.files().contains(path))
            m_watcher.addPath(path);
        Tracked &tracked = m_files[path];
        const Stamp stamp = Stamp::of(entry);
        if (tracked.stamp != stamp) {
            if (tracked.reported || tracked.stamp.size < 0)
                tracked.firstNoticedMs = now;
            tracked.stamp = stamp;
            tracked.lastChangeMs = now;
            tracked.reported = false;
        }
        noteCompletion(path, tracked);
    }
    const QString prefix = QDir(folder).absolutePath() + u'/';
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (it.key().startsWith(prefix) && !present.contains(it.key())
                && !it.key().mid(prefix.size()).contains(u'/')) {
            const QString path = it.key();
            it = m_files.erase(it);
            Q_EMIT fileRemoved(path);
        } else {
            ++it;
        }
    }
    checkPending();
}

void PluginFolderWatcher::checkPending()
{
    const qint64 now = m_clock.elapsed();
    qint64 nextDue = -1;
    QStringList settled;
    for (auto it = m_files.begin(); it != m_files.end(); ++it) {
        if (it->reported)
            continue;
        const QFileInfo info(it.key());
        if (!info.exists())
            continue; // the folder notification will report the removal
        const Stamp stamp = Stamp::of(info);
        if (stamp != it->stamp) {
            it->stamp = stamp;
            it->lastChangeMs = now;
        }
        noteCompletion(it.key(), *it);
        // Empty files are never stable: a copy starts with one.
        const qint64 due = it->lastChangeMs + m_settleMs;
        if (it->stamp.size > 0 && (now >= due || isKnownComplete(it.key(), *it))) {
            it->reported = true;
            settled.append(it.key());
        } else {
            const qint64 wanted = it->stamp.size > 0 ? due : now + 50;
            nextDue = nextDue < 0 ? wanted : std::min(nextDue, wanted);
        }
    }
    // Look again when the first file is due, and at least every 50 ms: a
    // writer that appends without us being told must still be seen.
    if (nextDue >= 0)
        m_pollTimer.start(int(std::clamp<qint64>(nextDue - now, 1, 50)));
    else
        m_pollTimer.stop();
    for (const QString &path : settled)
        Q_EMIT fileSettled(path, m_files.value(path).firstNoticedMs);
}

} // namespace longlink
