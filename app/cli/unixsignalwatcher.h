#pragma once

#include <QtCore/QObject>
#include <QtCore/QSocketNotifier>

#include <memory>

namespace longlink::cli {

// Turns SIGINT, SIGTERM and SIGHUP into a Qt signal on the main thread
// (self-pipe), so Ctrl+C ends the program through its normal shutdown:
// the outbox is flushed and no crash marker is left behind for a plugin
// that did nothing wrong.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace longlink::cli
