#pragma once

#include <QtCore/QProcess>
#include <QtCore/QString>

namespace longlink::test {

// A D-Bus session bus of the test's own (dbus-daemon --session), so a test
// can put a desktop service on it (a notification server) without touching,
// or needing, the session it runs in.
class PrivateSessionBus
{
public:
    PrivateSessionBus() = default;
    ~PrivateSessionBus();

    // Starts the daemon and waits for its address.
    bool start();
    void stop();
    QString address() const { return m_address; }
    QString errorString() const { return m_error; }

private:
    QProcess m_daemon;
    QString m_address;
    QString m_error;
};

} // namespace longlink::test
