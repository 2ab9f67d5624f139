#pragma once

#include "chatclient.h"

#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace longlink::ui {

class ElidedLabel;

// The connection, always in view: state (connected / connecting / offline
// with the reason and the countdown to the next try), server, transport
// and version (and whether it was chosen by hand), round-trip time, "Retry
// now", and after a transport swap or rollback a short note of what changed.
class StatusBarWidget : public QWidget
{
    Q_OBJECT

public:
    // How long the swap note stays.
    static constexpr int kNoteMs = 20'000;

    explicit StatusBarWidget(ChatClient *client, QWidget *parent = nullptr);

    QString stateText() const;
    QString noteText() const;
    QString transportText() const;
    bool isRetryVisible() const;
    // What the state label shows now: the state text, elided only when the
    // status bar has no room for all of it.
    QString shownStateText() const;

Q_SIGNALS:
    void transportsRequested();

private:
    void refresh();
    void showSwapNote(
            const QString &name, const QString &from, const QString &to, qint64 ms, int affected);
    void onTransportEvent(const longlink::TransportEvent &event);
    void onTransportChanged(const QString &name, const QString &version);
    void showNote(const QString &text, const QString &toolTip);

    ChatClient *m_client;
    ChatClient::ConnectionState m_state = ChatClient::ConnectionState::Disconnected;
    QString m_reason;
    QString m_stateText;
    int m_roundTripMs = -1;
    // The plugin rolled back while it carried the session ("tcp 9.0.0") and
    // why, until the session is back on the previous one.
    QString m_rolledBack;
    QString m_rolledBackReason;
    QString m_noteText; // in full; the label may show it elided
    QLabel *m_stateIcon;
    ElidedLabel *m_stateLabel;
    QPushButton *m_retry;
    ElidedLabel *m_note;
    ElidedLabel *m_server;
    QToolButton *m_transport;
    QLabel *m_rtt;
    QTimer m_tick;
    QTimer m_noteTimer;
};

} // namespace longlink::ui
