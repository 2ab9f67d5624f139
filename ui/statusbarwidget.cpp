#include "statusbarwidget.h"

#include "appearance.h"
#include "icons.h"

#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr int kTickMs = 250;
constexpr int kMaxStateWidth = 460;
} // namespace

StatusBarWidget::StatusBarWidget(ChatClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_stateIcon(new QLabel(this)),
      m_stateLabel(new QLabel(this)), m_retry(new QPushButton(this)), m_note(new QLabel(this)),
      m_server(new QLabel(this)), m_transport(new QToolButton(this)), m_rtt(new QLabel(this))
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
    m_retry->setFlat(true);
    m_retry->setCursor(Qt::PointingHandCursor);
    m_note->setAccessibleName(tr("Transport change"));
    m_note->hide();
    m_server->setAccessibleName(tr("Server"));
    m_transport->setAutoRaise(true);
    m_transport->setAccessibleName(tr("Transport"));
    m_transport->setToolTip(tr("Transport plugin carrying the connection (Ctrl+T for details)"));
    m_rtt->setAccessibleName(tr("Round-trip time"));
    m_rtt->setToolTip(tr("Time of the last keep-alive ping to the server and back"));
    layout->addWidget(m_stateIcon);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_retry);
    layout->addWidget(m_note, 1);
    layout->addStretch();
    layout->addWidget(m_server);
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
    connect(client, &ChatClient::transportSwapped, this, &StatusBarWidget::showSwapNote);
    connect(client->session(), &MqttSession::roundTripMeasured, this, [this](int ms) {
        m_roundTripMs = ms;
        refresh();
    });
    connect(m_retry, &QPushButton::clicked, this,
            [this] { m_client->session()->reconnectNow(tr("asked to retry now")); });
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
    return m_note->isVisibleTo(this) ? m_note->text() : QString();
}

QString StatusBarWidget::transportText() const
{
    return m_transport->text();
}

bool StatusBarWidget::isRetryVisible() const
{
    return m_retry->isVisibleTo(this);
}

void StatusBarWidget::refresh()
{
    const QPalette palette = this->palette();
    const int retryMs = m_client->session()->nextRetryInMs();
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
    // A long reason (a path, an OS error) must not push the rest away.
    m_stateText = text;
    const QString shown
            = m_stateLabel->fontMetrics().elidedText(text, Qt::ElideMiddle, kMaxStateWidth);
    if (m_stateLabel->text() != shown)
        m_stateLabel->setText(shown);
    m_stateLabel->setToolTip(text);
    m_stateIcon->setPixmap(icons::dot(color).pixmap(QSize(14, 14), devicePixelRatioF()));
    m_retry->setVisible(m_state != ChatClient::ConnectionState::Connected);

    m_server->setText(m_client->config().server.toDisplayString(QUrl::RemoveUserInfo));
    const QString name = m_client->transportName();
    const QString version = m_client->transportVersion();
    m_transport->setText(name.isEmpty() ? tr("no transport") : name + u' ' + version);
    if (m_state == ChatClient::ConnectionState::Connected) {
        const int rtt = m_roundTripMs >= 0 ? m_roundTripMs : m_client->session()->roundTripMs();
        m_rtt->setText(rtt >= 0 ? tr("RTT %1 ms").arg(rtt) : tr("RTT —"));
    } else {
        m_rtt->setText(tr("RTT —"));
    }
}

void StatusBarWidget::showSwapNote(
        const QString &name, const QString &from, const QString &to, qint64 ms, int affected)
{
    m_note->setText(tr("Transport %1 %2 → %3 in %4 ms · %n message(s) affected", nullptr, affected)
                            .arg(name, from, to)
                            .arg(ms));
    m_note->setToolTip(tr("The connection moved to another transport plugin; nothing to do."));
    m_note->show();
    m_noteTimer.start();
    refresh();
}

} // namespace longlink::ui
