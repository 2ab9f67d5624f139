#pragma once

#include <longlink/transport.h>

#include <QtCore/QObject>

#include <memory>

namespace longlink::test {

// A transport that never connects: open() ends in "connection refused".
// Enough to prove a plugin was loaded and its code ran.
class FixtureTransport final : public longlink::sdk::Transport
{
public:
    explicit FixtureTransport(longlink::sdk::TransportEvents *events);
    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override { return 0; }
    void close() override;
    void abort() override;

private:
    void finishLater(longlink::sdk::TransportError error, const QString &reason);

    longlink::sdk::TransportEvents *m_events;
    std::unique_ptr<QObject> m_context = std::make_unique<QObject>();
    bool m_finished = false;
};

} // namespace longlink::test
