#pragma once

#include "swappablesession.h"

#include <QtCore/QObject>

namespace longlink {

class HotSwapController;
class MqttSession;

// Joins the two layers that cannot see each other: offers the MQTT session
// to the hot-swap controller as a SwappableSession and reports what the
// session does back to the controller.
class SessionSwapAdapter : public QObject, public SwappableSession
{
    Q_OBJECT

public:
    explicit SessionSwapAdapter(MqttSession *session, QObject *parent = nullptr);

    // Starts reporting the session's moves and connections to `controller`.
    void attach(HotSwapController *controller);

    bool isRunning() const override;
    bool isConnected() const override;
    bool isMoving() const override;
    void moveTo(ByteLink *link, ByteLink::MoveMode mode) override;
    void reconnectNow(const QString &why) override;
    ByteLink::Error lastLinkError() const override;

private:
    MqttSession *m_session;
};

} // namespace longlink
