#pragma once

#include "bytelink.h"

#include <QtCore/QString>

namespace longlink {

// What the hot-swap controller needs of the session it moves from one
// transport to another. The plugin layer cannot see the MQTT session (nor
// the session the plugins): the chat layer implements this over it and
// reports back through HotSwapController's session*() calls.
class SwappableSession
{
public:
    virtual ~SwappableSession() = default;

    // Started and not stopping: it connects or reconnects on its own.
    virtual bool isRunning() const = 0;
    virtual bool isConnected() const = 0;
    // A moveTo() has not finished yet.
    virtual bool isMoving() const = 0;
    // Moves the live session onto `link` (new, unopened; the session owns
    // it from now on); the outcome comes back as moveFinished().
    virtual void moveTo(ByteLink *link, ByteLink::MoveMode mode) = 0;
    virtual void reconnectNow(const QString &why) = 0;
    // Why the last link ended: was it the transport's fault?
    virtual ByteLink::Error lastLinkError() const = 0;
};

} // namespace longlink
