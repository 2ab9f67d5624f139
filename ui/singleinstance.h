#pragma once

#include <QtCore/QObject>

class QLocalServer;

namespace longlink::ui {

// One process per data folder (the core's lock enforces it). A second
// start asks the first to raise its window and ends, instead of failing.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True if a running Longlink on the folder took the request to show itself.
    bool askRunningToRaise();
    // Starts answering later starts; raiseRequested() when one asks.
    void listen();

Q_SIGNALS:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace longlink::ui
