#include "storecheckpointer.h"

#include "logging.h"

#include <sqlite3.h>

namespace longlink {

StoreCheckpointer::~StoreCheckpointer()
{
    stop();
}

bool StoreCheckpointer::start(const QString &filePath, QString *error)
{
    stop();
    const int rc = sqlite3_open_v2(filePath.toUtf8().constData(), &m_db,
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        sqlite3_close(m_db);
        m_db = nullptr;
        return false;
    }
    sqlite3_busy_timeout(m_db, 5000);
    // A connection learns that the file is in WAL mode on its first read;
    // until then a checkpoint does nothing.
    if (sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr)
            != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_close(m_db);
        m_db = nullptr;
        return false;
    }
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void StoreCheckpointer::stop()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    if (m_db) {
        sqlite3_close(m_db);
        m_db = nullptr;
    }
}

void StoreCheckpointer::request()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_requested = true;
    }
    m_wake.notify_one();
}

void StoreCheckpointer::waitForIdle()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return (!m_requested && !m_busy) || !m_thread.joinable(); });
}

void StoreCheckpointer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping)
            break;
        m_requested = false;
        m_busy = true;
        lock.unlock();
        int walFrames = 0;
        int copied = 0;
        // PASSIVE: copies what no reader still needs, never waits for one.
        const int rc = sqlite3_wal_checkpoint_v2(
                m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &copied);
        qCDebug(lcStore) << "checkpoint: WAL frames" << walFrames << "copied" << copied;
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcStore).noquote() << "checkpoint failed:" << sqlite3_errmsg(m_db);
        ++m_completed;
        lock.lock();
        m_busy = false;
        m_idle.notify_all();
    }
    m_busy = false;
    m_requested = false;
    m_idle.notify_all();
}

} // namespace longlink
