#pragma once

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>

class QSocketNotifier;

namespace longlink {

// Knows which files in some folders are complete: closed after their last
// write, or renamed or linked into place. QFileSystemWatcher cannot tell
// that: it says "changed" for a write and for the close after it alike, so
// from it a file can only be judged by waiting until it stops changing.
// Linux's inotify reports the close of a file opened for writing
// (IN_CLOSE_WRITE) and renames (IN_MOVED_TO), so this reads inotify itself.
// Elsewhere, or if inotify cannot be had, isAvailable() is false and every
// file is Unknown: its watcher then waits for files to hold still.
class FileWriteTracker : public QObject
{
    Q_OBJECT

public:
    enum class State {
        // Nothing seen since the watch began, or a symbolic link: its
        // target is written elsewhere, unseen here.
        Unknown,
        // Created or written since its last close: maybe still being written.
        Writing,
        // Closed after its last write, or renamed or hard-linked into place.
        Complete,
    };

    explicit FileWriteTracker(QObject *parent = nullptr);
    ~FileWriteTracker() override;

    bool isAvailable() const { return m_fd >= 0; }

    // Watches these folders, those that exist now; rewatch() the others.
    void setFolders(const QStringList &folders);
    // Watches folders that appeared since, and again those replaced since
    // (a watch follows the folder it was put on, not its path).
    void rewatch();

    State state(const QString &path) const;
    // A number that grows each time any file becomes Complete: a new value
    // for `path` means content finished since the last look. 0: none seen.
    quint64 completion(const QString &path) const;

Q_SIGNALS:
    // Something happened in `folder` worth a look: an entry came or went, a
    // file began or finished being written, or its mode, owner or times
    // changed. Not sent for each further write to a file already Writing.
    void folderChanged(const QString &folder);

private:
    struct Entry
    {
        State state = State::Unknown;
        quint64 completion = 0;
        // Files deleted (or renamed over) under this name while maybe still
        // open for writing: their late writes and close come with this
        // name too, so a close may be theirs.
        int deletedWriters = 0;
    };
    struct Renamed
    {
        QString from;
        Entry entry;
    };
    struct Watched
    {
        int descriptor = -1;
        quint64 device = 0;
        quint64 inode = 0;
    };

    void readEvents();
#ifdef Q_OS_LINUX
    // One event on the entry `name` of `folder`; false if it tells nothing
    // new (one more write to a file being written).
    bool apply(const QString &folder, const QString &name, quint32 mask, quint32 cookie);
    void arrived(const QString &folder, const QString &path, quint32 mask, quint32 cookie);
#endif
    void dropFolder(const QString &folder);
    void markComplete(Entry &entry);

    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QStringList m_folders;
    QHash<QString, Watched> m_watched; // by folder
    QHash<QString, Entry> m_entries; // by path
    // What a name renamed away carried, by the rename's cookie, until its
    // new name shows up (a rename within the watched folders).
    QHash<quint32, Renamed> m_renamed;
    // Unnamed files (O_TMPFILE) linked in under a name while still open:
    // their writes and close are reported as "#<inode>", by that path.
    QHash<QString, QString> m_linked;
    quint64 m_lastCompletion = 0;
};

} // namespace longlink
