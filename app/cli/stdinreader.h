#pragma once

#include <QtCore/QObject>
#include <QtCore/QSocketNotifier>
#include <QtCore/QStringList>

#include <memory>

namespace longlink::cli {

// Reads lines from standard input without blocking the event loop: one
// read() per readiness notification, so a pipe, a terminal and a redirected
// file all work. Lines come in batches, which keeps a fast producer cheap.
class StdinReader : public QObject
{
    Q_OBJECT

public:
    explicit StdinReader(QObject *parent = nullptr);
    void start();
    void stop();
    // Stops reading while paused: what is not read waits in the pipe (and
    // its writer blocks), instead of in our memory.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

Q_SIGNALS:
    void lines(const QStringList &lines);
    void endOfInput();

private:
    void readSome();

    std::unique_ptr<QSocketNotifier> m_notifier;
    QByteArray m_partial;
    bool m_done = false;
    bool m_paused = false;
};

} // namespace longlink::cli
