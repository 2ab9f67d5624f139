#include "filewritetracker.h"

#include "logging.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QPointer>
#include <QtCore/QSocketNotifier>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstring>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

#ifdef Q_OS_LINUX
namespace {

// Not IN_EXCL_UNLINK: it would hide the writes and the close of unnamed
// files (O_TMPFILE) too, which QFile::copy and QSaveFile write before they
// link them in. So the late events of a file deleted while still being
// written come with its old name, and are allowed for (deletedWriters).
constexpr uint32_t kMask = IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

// Renames whose new name never shows up here (moved out of the folders)
// leave their cookie behind; a few are kept, not hundreds.
constexpr qsizetype kMaxRenamed = 64;

bool statFolder(const QString &folder, quint64 *device, quint64 *inode)
{
    struct stat info;
    if (::stat(QFile::encodeName(folder).constData(), &info) != 0 || !S_ISDIR(info.st_mode))
        return false;
    *device = quint64(info.st_dev);
    *inode = quint64(info.st_ino);
    return true;
}

} // namespace
#endif

FileWriteTracker::FileWriteTracker(QObject *parent) : QObject(parent)
{
#ifdef Q_OS_LINUX
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0) {
        qCInfo(lcHost).noquote() << "no inotify:" << std::strerror(errno)
                                 << "- new plugin files wait out the settle window";
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &FileWriteTracker::readEvents);
#endif
}

FileWriteTracker::~FileWriteTracker()
{
#ifdef Q_OS_LINUX
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd); // ends its watches too
#endif
}

void FileWriteTracker::setFolders(const QStringList &folders)
{
    // Paths spelt as QDir spells its entries', so that they compare equal.
    QStringList absolute;
    for (const QString &folder : folders)
        absolute.append(QDir(folder).absolutePath());
    const QList<QString> watched = m_watched.keys();
    for (const QString &folder : watched) {
        if (!absolute.contains(folder))
            dropFolder(folder);
    }
    m_folders = absolute;
    rewatch();
}

void FileWriteTracker::rewatch()
{
#ifdef Q_OS_LINUX
    if (m_fd < 0)
        return;
    for (const QString &folder : std::as_const(m_folders)) {
        quint64 device = 0, inode = 0;
        const bool present = statFolder(folder, &device, &inode);
        const auto watched = m_watched.constFind(folder);
        if (watched != m_watched.cend()) {
            if (present && watched->device == device && watched->inode == inode)
                continue;
            // Deleted, or moved away with its parent and another put in its
            // place: what the watch sees is no longer what the path names.
            dropFolder(folder);
            Q_EMIT folderChanged(folder);
        }
        if (!present)
            continue;
        const int descriptor
                = ::inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), kMask);
        if (descriptor < 0) {
            // Out of watches (fs.inotify.max_user_watches) or no access:
            // the files of this folder wait out the settle window.
            qCInfo(lcHost).noquote()
                    << "cannot watch" << folder << "with inotify:" << std::strerror(errno);
            continue;
        }
        m_watched.insert(folder, { descriptor, device, inode });
    }
#endif
}

void FileWriteTracker::dropFolder(const QString &folder)
{
    const auto watched = m_watched.constFind(folder);
    if (watched == m_watched.cend())
        return;
    const int descriptor = watched->descriptor;
    m_watched.erase(watched);
#ifdef Q_OS_LINUX
    // Two paths to one folder share its watch.
    bool shared = false;
    for (const Watched &other : std::as_const(m_watched))
        shared = shared || other.descriptor == descriptor;
    if (!shared)
        ::inotify_rm_watch(m_fd, descriptor);
#else
    Q_UNUSED(descriptor);
#endif
    const QString prefix = folder + u'/';
    m_entries.removeIf([&prefix](const QHash<QString, Entry>::iterator it) {
        return it.key().startsWith(prefix);
    });
    m_linked.removeIf([&prefix](const QHash<QString, QString>::iterator it) {
        return it.key().startsWith(prefix);
    });
}

FileWriteTracker::State FileWriteTracker::state(const QString &path) const
{
    return m_entries.value(path).state;
}

quint64 FileWriteTracker::completion(const QString &path) const
{
    return m_entries.value(path).completion;
}

void FileWriteTracker::markComplete(Entry &entry)
{
    entry.state = State::Complete;
    entry.completion = ++m_lastCompletion;
}

void FileWriteTracker::readEvents()
{
#ifdef Q_OS_LINUX
    QStringList changed;
    const auto note = [&changed](const QString &folder) {
        if (!changed.contains(folder))
            changed.append(folder);
    };
    alignas(struct inotify_event) char buffer[16 * 1024];
    for (;;) {
        const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
        if (length < 0 && errno == EINTR)
            continue;
        if (length <= 0)
            break; // EAGAIN: all read
        for (ssize_t offset = 0; offset < length;) {
            const auto *event = reinterpret_cast<const struct inotify_event *>(buffer + offset);
            offset += ssize_t(sizeof(struct inotify_event) + event->len);
            if (event->mask & IN_Q_OVERFLOW) {
                // Events were lost: nothing known about any file holds now.
                m_entries.clear();
                m_renamed.clear();
                m_linked.clear();
                for (auto it = m_watched.cbegin(); it != m_watched.cend(); ++it)
                    note(it.key());
                continue;
            }
            QStringList folders;
            for (auto it = m_watched.cbegin(); it != m_watched.cend(); ++it) {
                if (it->descriptor == event->wd)
                    folders.append(it.key());
            }
            if (event->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                // The folder is gone or moved away: rewatch() watches what
                // is at its path later.
                for (const QString &folder : std::as_const(folders)) {
                    dropFolder(folder);
                    note(folder);
                }
                continue;
            }
            if (event->len == 0 || (event->mask & IN_ISDIR))
                continue; // the folder itself, or a folder in it: not a plugin file
            const QString name = QFile::decodeName(event->name);
            for (const QString &folder : std::as_const(folders)) {
                if (apply(folder, name, event->mask, event->cookie))
                    note(folder);
            }
        }
    }
    const QPointer<FileWriteTracker> alive(this); // a receiver may end the watching
    for (const QString &folder : std::as_const(changed)) {
        if (!alive)
            return;
        Q_EMIT folderChanged(folder);
    }
#endif
}

#ifdef Q_OS_LINUX
bool FileWriteTracker::apply(
        const QString &folder, const QString &name, quint32 mask, quint32 cookie)
{
    const QString path = folder + u'/' + name;
    if (mask & IN_MOVED_FROM) {
        Entry moved = m_entries.take(path);
        if (moved.deletedWriters > 0) // they stay with the name
            m_entries.insert(path, Entry { State::Unknown, 0, moved.deletedWriters });
        moved.deletedWriters = 0;
        if (m_renamed.size() >= kMaxRenamed)
            m_renamed.clear();
        m_renamed.insert(cookie, { path, moved });
        return true;
    }
    if (mask & IN_DELETE) {
        const Entry gone = m_entries.take(path);
        const int writers = gone.deletedWriters + (gone.state == State::Writing ? 1 : 0);
        if (writers > 0)
            m_entries.insert(path, Entry { State::Unknown, 0, writers });
        m_linked.removeIf(
                [&path](const QHash<QString, QString>::iterator it) { return it.value() == path; });
        return true;
    }
    if (mask & (IN_CREATE | IN_MOVED_TO)) {
        arrived(folder, path, mask, cookie);
        return true;
    }
    Entry &entry = m_entries[path];
    const State before = entry.state;
    // Written (again): an earlier close no longer means whole, be it a
    // second writer's or the same one's before it reopened the file.
    if (mask & IN_MODIFY)
        entry.state = State::Writing;
    if (mask & IN_CLOSE_WRITE) {
        if (entry.deletedWriters > 0) {
            // Maybe a deleted file's close, maybe this one's: wait for the
            // next close, or the settle window.
            --entry.deletedWriters;
            entry.state = State::Writing;
        } else {
            markComplete(entry);
        }
    }
    // An unnamed file (O_TMPFILE) is "#<inode>" to inotify even after it
    // was linked in: what its events say holds for the name it was linked
    // as. Its close is its last event: closed, it is gone or linked.
    if (name.startsWith(u'#')) {
        if (const QString linked = m_linked.value(path); !linked.isEmpty()) {
            if (const auto it = m_entries.find(linked); it != m_entries.end()) {
                if (mask & IN_MODIFY)
                    it->state = State::Writing;
                if (mask & IN_CLOSE_WRITE)
                    markComplete(*it);
            }
        }
        if (mask & IN_CLOSE_WRITE) {
            m_entries.remove(path);
            m_linked.remove(path);
        }
    }
    // Each further write to a file being written tells nothing new; the
    // watcher looks at growing files on its own.
    return !(mask == IN_MODIFY && before == State::Writing);
}

void FileWriteTracker::arrived(
        const QString &folder, const QString &path, quint32 mask, quint32 cookie)
{
    // A file renamed over one still being written unlinks that one: it
    // becomes a deleted writer of this name.
    const Entry replaced = m_entries.value(path);
    Entry entry;
    entry.deletedWriters = replaced.deletedWriters
            + ((mask & IN_MOVED_TO) && replaced.state == State::Writing ? 1 : 0);
    struct stat info;
    const bool found = ::lstat(QFile::encodeName(path).constData(), &info) == 0;
    if (found && S_ISLNK(info.st_mode)) {
        // Unknown: its target is written elsewhere, unseen here.
    } else if (mask & IN_MOVED_TO) {
        // Renamed into place: whole at once, which is what renaming is
        // for; unless it was renamed here from a name whose writer had not
        // closed it yet.
        const auto from = m_renamed.constFind(cookie);
        if (from != m_renamed.cend()) {
            for (QString &linked : m_linked) {
                if (linked == from->from)
                    linked = path;
            }
        }
        if (from != m_renamed.cend() && from->entry.state == State::Writing)
            entry.state = State::Writing;
        else
            markComplete(entry);
        if (from != m_renamed.cend())
            m_renamed.erase(from);
    } else if (found && S_ISREG(info.st_mode)) {
        const QString unnamed = folder + u"/#"_s + QString::number(quint64(info.st_ino));
        if (m_entries.contains(unnamed)) {
            // An unnamed file written and then linked in (O_TMPFILE, as
            // QFile::copy and QSaveFile do): whole once its writer closes it.
            entry.state = State::Writing;
            m_linked.insert(unnamed, path);
        } else if (info.st_nlink > 1) {
            // A hard link to an existing file: whole at once, like a rename.
            markComplete(entry);
        } else {
            // Made by open(): its writes and its close follow.
            entry.state = State::Writing;
        }
    }
    m_entries.insert(path, entry);
}
#endif

} // namespace longlink
