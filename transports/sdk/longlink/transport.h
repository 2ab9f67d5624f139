// Longlink transport SDK, API 1.0.
//
// A transport plugin compiles against this header and Qt alone. It is
// header-only and declares no Q_OBJECT class: a QObject class declared in a
// shared header would get one meta-object per binary and qobject_cast across
// the plugin boundary would break.
//
// Threading: the host creates, drives and destroys every transport on the
// thread that created it (the GUI/main thread). A transport delivers its
// events on that same thread, from its own event handlers, never from inside
// open()/write()/close() (queue them instead), so the host may call back into
// the transport from an event.
//
// Ownership: the host owns every Transport it gets from create() and deletes it
// before the plugin library is unloaded. A transport must not outlive that
// delete: no timers, queued calls or threads of its own may be left running.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtCore/QVariantMap>
#include <QtCore/QtPlugin>

namespace longlink::sdk {

/// Major.minor of this header. A plugin states the version it was built
/// against as "apiVersion" in its metadata; the host accepts the same major
/// and a minor not above its own.
inline constexpr int kApiMajor = 1;
inline constexpr int kApiMinor = 0;

/// Why a transport closed or failed to open. Stable numbers: they cross the
/// plugin boundary and are logged.
enum class TransportError : int {
    None = 0, ///< closed on request (close()/abort())
    ConnectionRefused, ///< the peer actively refused the connection
    HostNotFound, ///< the name did not resolve
    HostUnreachable, ///< no route to the host / network down
    Timeout, ///< open did not complete within the "connectTimeoutMs" option
    RemoteClosed, ///< the peer closed an open connection
    Network, ///< any other network error on an open connection
    Tls, ///< TLS handshake or certificate failure
    Protocol, ///< framing error of the transport itself (e.g. WebSocket)
    InvalidEndpoint, ///< the URL's scheme, host or port is not usable
    Internal, ///< a bug or resource failure inside the plugin
};

/// Receives a transport's events. Implemented by the host; a plugin only
/// calls it. All calls happen on the transport's thread.
class TransportEvents
{
public:
    virtual ~TransportEvents() = default;

    /// The byte stream is open; write() may be called.
    virtual void transportOpened() = 0;

    /// Bytes arrived, in order. Chunking carries no meaning: one call may hold
    /// part of a message or several.
    virtual void transportData(const QByteArray &bytes) = 0;

    /// The stream is closed for good (or never opened). Called exactly once per
    /// open(), after which the transport sends no more events. `error` is None
    /// after a requested close; `reason` is a short sentence for people.
    virtual void transportClosed(longlink::sdk::TransportError error, const QString &reason) = 0;
};

/// An asynchronous byte stream to one endpoint. Knows nothing of MQTT.
class Transport
{
public:
    virtual ~Transport() = default;

    /// Starts connecting to `endpoint` (its scheme is one the plugin serves).
    /// Known options: "connectTimeoutMs" (int), "noDelay" (bool, default true).
    /// Unknown options are ignored. Ends in transportOpened() or transportClosed().
    virtual void open(const QUrl &endpoint, const QVariantMap &options) = 0;

    /// Queues bytes for sending, in order. Returns false if the stream is not
    /// open; the bytes are then dropped (the host keeps its own copy).
    virtual bool write(const QByteArray &bytes) = 0;

    /// Bytes accepted by write() that have not yet been handed to the OS.
    virtual qint64 bytesToWrite() const = 0;

    /// Flushes what is queued and closes; transportClosed(None) follows.
    virtual void close() = 0;

    /// Closes at once, dropping queued bytes; transportClosed(None) follows.
    virtual void abort() = 0;

    /// Handover (optional, see the "handover" metadata key): gives up the open
    /// connection without closing it. Fills `state` with what another plugin
    /// declaring the same handover format needs to adopt it (for "socket-fd/1":
    /// "fd" (qintptr) and "pending" (QByteArray, bytes read but not yet
    /// delivered)). After a true return the transport sends no more events and
    /// no longer owns the connection. Default: not supported.
    virtual bool release(QVariantMap &state)
    {
        Q_UNUSED(state);
        return false;
    }

    /// Handover (optional): takes over a connection released by release().
    /// On true, the stream is open at once (no transportOpened() is sent) and
    /// any "pending" bytes are delivered with transportData() from the event
    /// loop. The adopting transport owns what `state` hands over (for
    /// "socket-fd/1" the descriptor) whether it returns true or false: on
    /// false it closes it. Default: not supported (and nothing to close,
    /// since the host only offers a handover between plugins that declare
    /// the same format).
    virtual bool adopt(const QVariantMap &state)
    {
        Q_UNUSED(state);
        return false;
    }
};

/// The plugin's root object (QPluginLoader::instance()) implements this.
class TransportFactory
{
public:
    virtual ~TransportFactory() = default;

    /// Creates a new, closed transport that reports to `events`. `events`
    /// outlives the transport. The caller owns the result.
    virtual Transport *createTransport(TransportEvents *events) = 0;
};

} // namespace longlink::sdk

/// A major change of the SDK changes the IID; the host loads only its own.
#define LONGLINK_TRANSPORT_IID "org.longlink.Transport/1"

Q_DECLARE_INTERFACE(longlink::sdk::TransportFactory, LONGLINK_TRANSPORT_IID)
