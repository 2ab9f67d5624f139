#include "statusbarwidget.h"

#include "appearance.h"
#include "elidedlabel.h"
#include "icons.h"
#include "transportpluginmodel.h"

#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr int kTickMs = 250;
} // namespace

StatusBarWidget::StatusBarWidget(ChatClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_stateIcon(new QLabel(this)),
      m_stateLabel(new ElidedLabel(this)), m_retry(new QPushButton(this)),
      m_note(new ElidedLabel(this)), m_server(new ElidedLabel(this)),
      m_transport(new QToolButton(this)), m_rtt(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(10);
    m_stateIcon->setFixedSize(14, 14);
    m_stateLabel->setAccessibleName(tr("Connection state"));
    m_stateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(u"retryButton"_s);
    m_retry->setText(tr("Retry now"));
    m_retry->setAccessibleName(tr("Retry now"));
    m_retry->setToolTip(tr("Try to connect now instead of waiting"));
    // A button that looks like one: flat, it read as a label.
    m_retry->setCursor(Qt::PointingHandCursor);
    m_note->setAccessibleName(tr("Transport change"));
    m_note->hide();
    m_server->setAccessibleName(tr("Server"));
    m_transport->setAutoRaise(true);
    m_transport->setAccessibleName(tr("Transport"));
    m_rtt->setAccessibleName(tr("Round-trip time"));
    m_rtt->setToolTip(tr("Time of the last keep-alive ping to the server and back"));
    layout->addWidget(m_stateIcon);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_retry);
    layout->addWidget(m_note);
    // The address takes what the state leaves: in a narrow window the
    // state stays whole and the address is elided first.
    m_server->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_server->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_server, 1);
    layout->addWidget(m_transport);
    layout->addWidget(m_rtt);

    m_state = client->connectionState();
    connect(client, &ChatClient::connectionChanged, this,
            [this](ChatClient::ConnectionState state, const QString &reason) {
                m_state = state;
                if (!reason.isEmpty() || state == ChatClient::ConnectionState::Connected)
                    m_reason = reason;
                refresh();
            });
    connect(client, &ChatClient::refused, this, [this](const QString &reason) {
        m_reason = tr("the server refused: %1").arg(reason);
        refresh();
    });
    connect(client, &ChatClient::certificateRefused, this, [this](const QString &reason) {
        m_reason = reason; // names the certificate and why
        refresh();
    });
    connect(client, &ChatClient::transportSwapped, this, &StatusBarWidget::showSwapNote);
    connect(client, &ChatClient::transportEvent, this, &StatusBarWidget::onTransportEvent);
    connect(client, &ChatClient::transportChanged, this, &StatusBarWidget::onTransportChanged);
    connect(client, &ChatClient::transportPinChanged, this, &StatusBarWidget::refresh);
    connect(client, &ChatClient::roundTripMeasured, this, [this](int ms) {
        m_roundTripMs = ms;
        refresh();
    });
    connect(m_retry, &QPushButton::clicked, this,
            [this] { m_client->reconnectNow(tr("asked to retry now")); });
    connect(m_transport, &QToolButton::clicked, this, &StatusBarWidget::transportsRequested);

    m_noteTimer.setSingleShot(true);
    m_noteTimer.setInterval(kNoteMs);
    connect(&m_noteTimer, &QTimer::timeout, m_note, &QLabel::hide);
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &StatusBarWidget::refresh);
    m_tick.start();
    refresh();
}

QString StatusBarWidget::stateText() const
{
    return m_stateText;
}

QString StatusBarWidget::noteText() const
{
    return m_note->isVisibleTo(this) ? m_noteText : QString();
}

QString StatusBarWidget::transportText() const
{
    return m_transport->text();
}

QString StatusBarWidget::shownStateText() const
{
    return m_stateLabel->text();
}

bool StatusBarWidget::isRetryVisible() const
{
    return m_retry->isVisibleTo(this);
}

void StatusBarWidget::refresh()
{
    const QPalette palette = this->palette();
    const int retryMs = m_client->nextRetryInMs();
    const int seconds = retryMs < 0 ? -1 : (retryMs + 999) / 1000;
    QString text;
    QColor color;
    switch (m_state) {
    case ChatClient::ConnectionState::Connected:
        text = tr("Connected");
        color = Appearance::okColor(palette);
        break;
    case ChatClient::ConnectionState::Connecting:
        text = tr("Connecting…");
        color = Appearance::warnColor(palette);
        break;
    case ChatClient::ConnectionState::Disconnected:
        if (seconds >= 0) {
            text = m_reason.isEmpty()
                    ? tr("Offline · retrying in %n s", nullptr, seconds)
                    : tr("Offline: %1 · retrying in %n s", nullptr, seconds).arg(m_reason);
        } else {
            text = m_reason.isEmpty() ? tr("Offline") : tr("Offline: %1").arg(m_reason);
        }
        color = Appearance::errorColor(palette);
        break;
    }
    // A long reason (a path, an OS error) is shown whole while there is
    // room, elided at its end when there is not.
    m_stateText = text;
    m_stateLabel->setFullText(text);
    m_stateLabel->setToolTip(text);
    m_stateIcon->setPixmap(icons::dot(color).pixmap(QSize(14, 14), devicePixelRatioF()));
    m_retry->setVisible(m_state != ChatClient::ConnectionState::Connected);

    // The address, and how the connection is protected.
    const QVariantMap info = m_state == ChatClient::ConnectionState::Connected
            ? m_client->connectionInfo()
            : QVariantMap();
    const QString server = m_client->server().toDisplayString(QUrl::RemoveUserInfo);
    const QString tls = info.value(u"tlsProtocol"_s).toString();
    const QString mqtt = m_state == ChatClient::ConnectionState::Connected
            ? m_client->protocolVersion()
            : QString();
    QString serverText = server;
    if (!mqtt.isEmpty())
        serverText = tr("%1 · MQTT %2").arg(serverText, mqtt);
    if (!tls.isEmpty())
        serverText = tr("%1 · %2").arg(serverText, tls);
    m_server->setFullText(serverText);
    QStringList details;
    if (!mqtt.isEmpty()) {
        const MqttSession::Grant grant = m_client->serverGrant();
        if (grant.version == mqtt::ProtocolVersion::V5)
            details.append(tr("MQTT 5.0: the server keeps the session %n second(s) after a "
                              "disconnect",
                    nullptr, int(std::min<quint32>(grant.sessionExpirySeconds, INT_MAX))));
        else
            details.append(tr("MQTT 3.1.1"));
        if (!grant.reasonString.isEmpty())
            details.append(tr("The server says: %1").arg(grant.reasonString));
    }
    if (!info.isEmpty()) {
        details.append(tr("Peer: %1 port %2")
                               .arg(info.value(u"peerAddress"_s).toString())
                               .arg(info.value(u"peerPort"_s).toInt()));
        if (!tls.isEmpty()) {
            details.append(
                    tr("Encryption: %1, %2").arg(tls, info.value(u"tlsCipher"_s).toString()));
            details.append(tr("Certificate SHA-256: %1")
                                   .arg(info.value(u"peerCertificateSha256"_s).toString()));
        } else {
            details.append(tr("Not encrypted"));
        }
        details.append(
                tr("Received %1, sent %2")
                        .arg(QLocale().formattedDataSize(info.value(u"bytesIn"_s).toLongLong()),
                                QLocale().formattedDataSize(
                                        info.value(u"bytesOut"_s).toLongLong())));
    }
    m_server->setToolTip(details.isEmpty() ? server : server + u'\n' + details.join(u'\n'));
    // What carries the session now, as the client says (after a swap, a
    // rollback or a reconnect it also announces it: transportChanged).
    const QString name = m_client->transportName();
    const QString version = m_client->transportVersion();
    const QString pin = m_client->pinnedTransport();
    QString transport;
    if (name.isEmpty())
        transport = tr("no transport");
    else if (pin.isEmpty())
        transport = name + u' ' + version;
    else if (pin == name + u'@' + version)
        transport = tr("%1 %2 (chosen by hand)").arg(name, version);
    else // on the way to the chosen one
        transport = tr("%1 %2 · %3 chosen by hand")
                            .arg(name, version, TransportPluginModel::pinText(pin));
    if (m_transport->text() != transport)
        m_transport->setText(transport);
    m_transport->setToolTip(pin.isEmpty()
                    ? tr("Transport plugin carrying the connection (Ctrl+T for details)")
                    : tr("Transport plugin carrying the connection, chosen by hand: newer "
                         "versions do not take over (Ctrl+T to change)"));
    if (m_state == ChatClient::ConnectionState::Connected) {
        const int rtt = m_roundTripMs >= 0 ? m_roundTripMs : m_client->roundTripMs();
        m_rtt->setText(rtt >= 0 ? tr("RTT %1 ms").arg(rtt) : tr("RTT —"));
    } else {
        m_rtt->setText(tr("RTT —"));
    }
}

void StatusBarWidget::showSwapNote(
        const QString &name, const QString &from, const QString &to, qint64 ms, int affected)
{
    m_rolledBack.clear();
    showNote(tr("Transport %1 %2 → %3 in %4 ms · %n message(s) affected", nullptr, affected)
                     .arg(name, from, to)
                     .arg(ms),
            tr("The connection moved to another transport plugin; nothing to do."));
}

void StatusBarWidget::onTransportEvent(const TransportEvent &event)
{
    if (event.step != TransportEvent::Step::RolledBack)
        return;
    const QString plugin = event.name + u' ' + event.version;
    const QString carrier = m_client->transportName() + u' ' + m_client->transportVersion();
    if (plugin == carrier) {
        // It carried the session (on probation): the session goes back to
        // the previous plugin, and transportChanged() says when it is there.
        // Until then no note may claim the rejected one carries it.
        m_rolledBack = plugin;
        m_rolledBackReason = event.reason;
        showNote(tr("Transport %1 rejected: %2 · going back to the previous one")
                         .arg(plugin, event.reason),
                tr("The new transport plugin failed; the connection returns to the one "
                   "before it."));
    } else {
        // It never carried the session: nothing moved.
        showNote(m_client->transportName().isEmpty()
                        ? tr("Transport %1 rejected: %2").arg(plugin, event.reason)
                        : tr("Transport %1 rejected: %2 · %3 carries on")
                                  .arg(plugin, event.reason, carrier),
                tr("The new transport plugin could not take over; the connection stayed "
                   "where it was."));
    }
    refresh();
}

void StatusBarWidget::onTransportChanged(const QString &name, const QString &version)
{
    if (!m_rolledBack.isEmpty() && m_rolledBack != name + u' ' + version) {
        showNote(tr("Back on transport %1 %2 · %3 was rejected: %4")
                         .arg(name, version, m_rolledBack, m_rolledBackReason),
                tr("The new transport plugin failed; the connection is back on the one "
                   "before it."));
        m_rolledBack.clear();
    }
    refresh();
}

void StatusBarWidget::showNote(const QString &text, const QString &toolTip)
{
    // Reasons can be long (paths, OS errors): the whole text is in the tooltip.
    m_noteText = text;
    m_note->setFullText(text);
    m_note->setToolTip(text + u'\n' + toolTip);
    m_note->show();
    m_noteTimer.start();
    refresh();
}

} // namespace longlink::ui
