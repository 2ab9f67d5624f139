#pragma once

#include "bytelink.h"
#include "transportplugininfo.h"

#include <longlink/transport.h>

#include <QtCore/QTimer>

#include <functional>
#include <memory>

namespace longlink {

class LoadedTransportPlugin;

// The host's side of one transport instance: a ByteLink for the session
// over the SDK's plain callbacks, keeping the plugin's library loaded while
// it lives. Delete it with deleteLater() from inside its own signals: the
// plugin's code may still be on the stack.
//
// It holds a plugin to the parts of the contract it can work round, and
// says so with contractWarning(): an event sent from inside one of its
// calls is delivered later from the event loop (warned once per link), and
// a stream whose transport sends no transportClosed within kClosedWaitMs of
// close() or abort() is treated as closed, so the session does not wait for
// its keep-alive to run out and blame the server.
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

    static constexpr int kClosedWaitMs = 3000;

Q_SIGNALS:
    // The plugin broke a rule of the contract that the host worked round: a
    // sentence for people (the host shows it as a Warning transport event).
    void contractWarning(const QString &text);

private:
    void transportOpened() override;
    void transportData(const QByteArray &bytes) override;
    void transportClosed(longlink::sdk::TransportError error, const QString &reason) override;
    void transportBytesWritten(qint64 bytes) override;
    void transportCertificateUntrusted(const QVariantMap &certificate) override;

    // The transport's implementation of an SDK 1.1 extension, or null.
    template<class Interface> Interface *extension() const;
    // Runs `body`, a call into the plugin named `name`.
    void call(const char *name, const std::function<void()> &body);
    // Runs an event's handler now, or queues it when it came from inside a
    // call into the plugin (or an earlier one still waits: order is kept).
    void deliver(const char *event, std::function<void()> handler);
    void deliverQueued();
    void watchForClosed();
    void giveUpWaitingForClosed();

    std::shared_ptr<LoadedTransportPlugin> m_plugin;
    std::unique_ptr<longlink::sdk::Transport> m_transport;
    bool m_open = false;
    bool m_finished = false;
    bool m_certificateAsked = false; // a decideCertificate() is awaited
    bool m_started = false; // open() was called or adopt() succeeded
    QString m_handoverFormat;
    const char *m_insideCall = nullptr; // the call into the plugin running now
    QList<std::function<void()>> m_queued; // events that came from inside a call
    bool m_deliveryScheduled = false;
    bool m_warnedInside = false;
    QTimer m_closedWatch;
};

} // namespace longlink
