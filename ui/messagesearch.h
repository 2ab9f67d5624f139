#pragma once

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QTimer>

namespace longlink {
class ChatHistory;
}

namespace longlink::ui {

// Finds a text in a room's whole history, newest first, a page of the
// history at a time between events, so a room of 100,000 messages is
// searched without freezing the window. Hits are store row ids.
class MessageSearch : public QObject
{
    Q_OBJECT

public:
    static constexpr int kPageSize = 2000;

    explicit MessageSearch(QObject *parent = nullptr);

    void start(const ChatHistory *history, const QString &room, const QString &needle);
    void cancel();
    bool isRunning() const { return m_timer.isActive(); }
    QList<qint64> hits() const { return m_hits; }
    QString needle() const { return m_needle; }

Q_SIGNALS:
    void hitsChanged(int count);
    void finished(int count);

private:
    void step();

    const ChatHistory *m_history = nullptr;
    QString m_room;
    QString m_needle;
    qint64 m_before = 0;
    QList<qint64> m_hits; // newest first
    QTimer m_timer;
};

} // namespace longlink::ui
