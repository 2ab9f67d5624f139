#pragma once

#include <longlink/transport.h>

#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtCore/QVariantMap>

#include <memory>

namespace longlink {

class LoadedTransportPlugin;

// The host's side of one transport instance: turns the SDK's plain callbacks
// into Qt signals and keeps the plugin's library loaded while it lives.
// Delete it with deleteLater() from inside its own signals: the plugin's code
// may still be on the stack.
class TransportLink : public QObject, private longlink::sdk::TransportEvents
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

    void open(const QUrl &endpoint, const QVariantMap &options);
    bool write(const QByteArray &bytes);
    qint64 bytesToWrite() const;
    void close();
    void abort();
    bool release(QVariantMap &state);
    bool adopt(const QVariantMap &state);

Q_SIGNALS:
    void opened();
    void dataReceived(const QByteArray &bytes);
    void closed(longlink::sdk::TransportError error, const QString &reason);

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
