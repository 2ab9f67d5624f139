#include "sessionswapadapter.h"

#include "hotswapcontroller.h"
#include "mqttsession.h"

namespace longlink {

SessionSwapAdapter::SessionSwapAdapter(MqttSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
}

void SessionSwapAdapter::attach(HotSwapController *controller)
{
    connect(m_session, &MqttSession::switchFinished, controller,
            &HotSwapController::sessionMoveFinished);
    connect(m_session, &MqttSession::connected, controller,
            [controller] { controller->sessionConnected(); });
    connect(m_session, &MqttSession::stateChanged, controller,
            [controller](MqttSession::State state, const QString &reason) {
                if (state == MqttSession::State::Disconnected)
                    controller->sessionDisconnected(reason);
            });
}

bool SessionSwapAdapter::isRunning() const
{
    return m_session->isRunning();
}

bool SessionSwapAdapter::isConnected() const
{
    return m_session->state() == MqttSession::State::Connected;
}

bool SessionSwapAdapter::isMoving() const
{
    return m_session->isSwitching();
}

void SessionSwapAdapter::moveTo(ByteLink *link, ByteLink::MoveMode mode)
{
    m_session->switchTo(link, mode);
}

void SessionSwapAdapter::reconnectNow(const QString &why)
{
    m_session->reconnectNow(why);
}

ByteLink::Error SessionSwapAdapter::lastLinkError() const
{
    return m_session->lastLinkError();
}

} // namespace longlink
