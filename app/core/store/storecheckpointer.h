#pragma once

#include <QtCore/QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace longlink {

// Runs the store's WAL checkpoints on a thread and a connection of their
// own. A checkpoint copies the WAL into the database file and syncs it: 14-19 ms
// of fdatasync each on a busy disk, which on the event-loop thread showed up
// as the p99 of message latency. In WAL mode a PASSIVE checkpoint on another
// connection runs next to the writer without blocking it.
//
// The thread is a std::thread, not a QThread: it runs one blocking SQLite
// call at a time and needs no event loop.
class StoreCheckpointer
{
public:
    StoreCheckpointer() = default;
    ~StoreCheckpointer(); // stop()
    StoreCheckpointer(const StoreCheckpointer &) = delete;
    StoreCheckpointer &operator=(const StoreCheckpointer &) = delete;

    // Opens its own connection to the database file and starts the thread.
    bool start(const QString &filePath, QString *error);
    // Waits for a checkpoint under way, closes the connection, ends the thread.
    void stop();

    // Asks for a checkpoint; requests made while one is pending are one.
    void request();
    // Checkpoints finished so far (for tests: request() returns at once).
    int completed() const { return m_completed.load(); }
    // Blocks until every request made so far has been carried out.
    void waitForIdle();

private:
    void run();

    sqlite3 *m_db = nullptr;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_requested = false;
    bool m_busy = false;
    bool m_stopping = false;
    std::atomic<int> m_completed { 0 };
};

} // namespace longlink
