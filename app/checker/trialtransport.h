#pragma once

#include <longlink/transport.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <functional>
#include <memory>

namespace longlink {

// Spins the event loop (and deferred deletes) until `done` or `milliseconds`
// have passed; false on the deadline.
bool spinUntil(const std::function<bool()> &done, int milliseconds);

// One transport of the plugin under trial, with the host's side of it as the
// contract describes it: every host call goes through here, so an event sent
// from inside one, or after the stream ended, is noted.
class TrialTransport final : private sdk::TransportEvents
{
public:
    explicit TrialTransport(sdk::TransportFactory *factory);
    ~TrialTransport() override;
    TrialTransport(const TrialTransport &) = delete;
    TrialTransport &operator=(const TrialTransport &) = delete;

    bool isValid() const { return m_transport != nullptr; }

    void open(const QUrl &endpoint, const QVariantMap &options);
    bool write(const QByteArray &bytes);
    void close();
    void abort();
    bool release(QVariantMap &state);
    bool adopt(const QVariantMap &state);

    int opened() const { return m_opened; }
    int closed() const { return m_closed; }
    bool answered() const { return m_opened > 0 || m_closed > 0; }
    sdk::TransportError closeError() const { return m_closeError; }
    QString closeReason() const { return m_closeReason; }
    const QByteArray &received() const { return m_received; }
    // "transportOpened from inside open()", once each.
    const QStringList &insideCalls() const { return m_inside; }
    // "transportData after transportClosed", once each.
    const QStringList &afterEnd() const { return m_afterEnd; }

    static QString errorName(sdk::TransportError error);

private:
    void transportOpened() override;
    void transportData(const QByteArray &bytes) override;
    void transportClosed(sdk::TransportError error, const QString &reason) override;
    void transportBytesWritten(qint64 bytes) override;
    void transportCertificateUntrusted(const QVariantMap &certificate) override;

    void note(const char *event, bool afterEndCounts = true);
    void call(const char *what, const std::function<void()> &body);

    std::unique_ptr<sdk::Transport> m_transport;
    const char *m_insideCall = nullptr;
    bool m_released = false;
    int m_opened = 0;
    int m_closed = 0;
    sdk::TransportError m_closeError = sdk::TransportError::None;
    QString m_closeReason;
    QByteArray m_received;
    QStringList m_inside;
    QStringList m_afterEnd;
};

} // namespace longlink
