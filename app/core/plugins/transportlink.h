#pragma once

#include "bytelink.h"
#include "transportplugininfo.h"

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
    // Handover: the format the controller chose for moving onto this link.
    void setHandoverFormat(const QString &format) { m_handoverFormat = format; }

    bool isValid() const { return m_transport != nullptr; }
    bool isOpen() const { return m_open; }

    void open(const QUrl &endpoint, const QVariantMap &options) override;
    bool write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    void close() override;
    void abort() override;
    bool release(QVariantMap &state) override;
    bool adopt(const QVariantMap &state) override;
    QVariantMap handoverRequest() const override;
    QString description() const override;
    QVariantMap connectionInfo() const override;
    void decideCertificate(CertificateDecision decision) override;

    // Options the plugin does not declare that the host may leave out: it
    // enforces them itself or they only tune. Any other undeclared option
    // fails open(): a TLS plugin that ignored a pin would trust anyone.
    static const QStringList &hintOptions();
    // The options to hand to `plugin` (hints it does not declare dropped),
    // or an error saying which option it cannot honour.
    static QVariantMap acceptedOptions(
            const TransportPluginInfo &plugin, const QVariantMap &options, QString *error);

    static ByteLink::Error toLinkError(longlink::sdk::TransportError error);

private:
    void transportOpened() override;
    void transportData(const QByteArray &bytes) override;
    void transportClosed(longlink::sdk::TransportError error, const QString &reason) override;
    void transportBytesWritten(qint64 bytes) override;
    void transportCertificateUntrusted(const QVariantMap &certificate) override;

    // The transport's implementation of an SDK 1.1 extension, or null.
    template<class Interface> Interface *extension() const;

    std::shared_ptr<LoadedTransportPlugin> m_plugin;
    std::unique_ptr<longlink::sdk::Transport> m_transport;
    bool m_open = false;
    bool m_finished = false;
    bool m_certificateAsked = false; // a decideCertificate() is awaited
    QString m_handoverFormat;
};

} // namespace longlink
