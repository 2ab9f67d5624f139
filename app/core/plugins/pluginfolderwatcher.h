#pragma once

#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QFileSystemWatcher>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

#include <memory>

namespace longlink {

class FileWriteTracker;

// Watches plugin folders (folders, not files: an atomic save renames a new
// inode over the old name, which silently ends a file watch) and reports a
// library file once it is whole. Where the system says so (inotify, see
// FileWriteTracker) that is as soon as its writer closed it or it was
// renamed into place; otherwise, and for a file still open for writing, once
// it is stable: the same size and modification time for the whole settle
// window. A file still being copied, linked or downloaded is not reported
// until it stops changing.
class PluginFolderWatcher : public QObject
{
    Q_OBJECT

public:
    explicit PluginFolderWatcher(QObject *parent = nullptr);
    ~PluginFolderWatcher() override;

    void setFolders(const QStringList &folders);
    QStringList folders() const { return m_folders; }

    void setSettleMs(int milliseconds) { m_settleMs = milliseconds; }
    int settleMs() const { return m_settleMs; }

    // Whether files known complete are reported without the settle window:
    // on by default where the system can tell; off, every file waits it
    // out, as on systems without inotify.
    void setWriteTracking(bool enabled);
    bool isTrackingWrites() const;

    // The clock noticed times are on.
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    // Looks at every folder now (also done on every change notification).
    void scanAll();

Q_SIGNALS:
    // `path` exists, is a library file and is whole: closed by its writer
    // or renamed into place, or unchanged for settleMs().
    // `noticedMs` is the QElapsedTimer clock (msecsSinceReference) at which
    // the change was first seen, for measuring file-to-active times.
    void fileSettled(const QString &path, qint64 noticedMs);
    void fileRemoved(const QString &path);

private:
    // What a change of the file looks like: its content (size, time) or what
    // the host's permission checks read (its and its folder's permissions
    // and owner), so a chmod alone makes a refused file a candidate again.
    struct Stamp
    {
        qint64 size = -1;
        QDateTime modified;
        QFileDevice::Permissions permissions;
        QFileDevice::Permissions folderPermissions;
        uint owner = 0;
        uint folderOwner = 0;
        // The detached signature (<file>.sig) counts as part of the file.
        qint64 signatureSize = -1;
        QDateTime signatureModified;
        bool operator==(const Stamp &) const = default;
        // The same bytes, as far as size and time tell (mode and owner aside).
        bool sameContent(const Stamp &other) const;
        static Stamp of(const QFileInfo &file);
    };

    struct Tracked
    {
        Stamp stamp;
        qint64 lastChangeMs = 0;
        qint64 firstNoticedMs = 0;
        bool reported = false;
        // FileWriteTracker::completion() of the file or its signature when
        // last looked at, and the stamp it had then.
        quint64 completion = 0;
        Stamp completeStamp;
    };

    void scanFolder(const QString &folder);
    void checkPending();
    void rewatch();
    void noteCompletion(const QString &path, Tracked &tracked) const;
    bool isKnownComplete(const QString &path, const Tracked &tracked) const;

    QFileSystemWatcher m_watcher;
    std::unique_ptr<FileWriteTracker> m_writes; // null where it cannot tell
    QStringList m_folders;
    QHash<QString, Tracked> m_files;
    QTimer m_pollTimer;
    QTimer m_rewatchTimer;
    QElapsedTimer m_clock;
    int m_settleMs = 250;
};

} // namespace longlink
