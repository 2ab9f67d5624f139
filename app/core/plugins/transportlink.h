#pragma once

#include "bytelink.h"

#include <longlink/transport.h>

#include <memory>

namespace longlink {

class LoadedTransportPlugin;

// The host's side of one transport instance: a ByteLink for the session
// over the SDK's plain callbacks, keeping the plugin's library loaded while
// it lives. Delete it with deleteLater() from inside its own signals: the
// plugin's code may still be on the stack.
class TransportLink : public ByteLink, private longlink::sdk::TransportEvents
{
    Q_OBJECT

public:
    TransportLink(std::shared_ptr<LoadedTransportPlugin> plugin, QObject *parent = nullptr);
    ~TransportLink() override;

    QString pluginName() const;
    QString pluginVersion() const;
    QString pluginFile() const;
    QString handoverFormat() const;

    bool isValid() const { return m_transport != nullptr; }
    bool isOpen() const { return m_open; }

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;
    bool release(QVariantMap &state) override;
    bool adopt(const QVariantMap &state) override;
    QString description() const override;

    static ByteLink::Error toLinkError(longlink::sdk::TransportError error);

private:
    void transportOpened() override;
    void transportData(const QByteArray &bytes) override;
    void transportClosed(longlink::sdk::TransportError error, const QString &reason) override;

    std::shared_ptr<LoadedTransportPlugin> m_plugin;
    std::unique_ptr<longlink::sdk::Transport> m_transport;
    bool m_open = false;
    bool m_finished = false;
};

} // namespace longlink
