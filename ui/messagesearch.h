#pragma once

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include "storedmessage.h"

namespace longlink {
class ChatHistory;
}

namespace longlink::ui {

// Finds a text in a room's whole history, or in every room's, newest
// first, from the store's search index a batch at a time between events,
// so the window never waits for it.
class MessageSearch : public QObject
{
    Q_OBJECT

public:
    static constexpr int kBatch = 500;

    explicit MessageSearch(QObject *parent = nullptr);

    // `room` empty: every room.
    void start(const ChatHistory *history, const QString &room, const QString &needle);
    void cancel();
    bool isRunning() const { return m_timer.isActive(); }
    QList<SearchHit> hits() const { return m_hits; }
    QString needle() const { return m_needle; }
    QString room() const { return m_room; }

Q_SIGNALS:
    void hitsChanged(int count);
    void finished(int count);

private:
    void step();

    const ChatHistory *m_history = nullptr;
    QString m_room;
    QString m_needle;
    qint64 m_before = 0;
    QList<SearchHit> m_hits; // newest first
    QTimer m_timer;
};

} // namespace longlink::ui
