// Longlink transport SDK, API 1.1.
//
// A transport plugin compiles against this header and Qt alone. It is
// header-only and declares no Q_OBJECT class: a QObject class declared in a
// shared header would get one meta-object per binary and qobject_cast across
// the plugin boundary would break.
//
// ---------------------------------------------------------------------------
// The contract. `longlink-transport-check PLUGIN` tries a plugin against the
// parts marked [checked]; the host enforces the parts marked [host].
//
// Threads. The host creates, drives and destroys every transport on the
// thread that loaded the plugin (the GUI/main thread). A transport delivers
// its events on that thread, from its own event handlers.
//
// No event from inside a host call [checked]. A transport never calls
// TransportEvents from inside open(), write(), close(), abort(), release()
// or adopt(): it queues the event (QMetaObject::invokeMethod with
// Qt::QueuedConnection on a context object it owns). The host may then call
// back into the transport from any event.
//
// transportClosed() [checked] comes exactly once for every stream that
// started, and never twice:
//   - after open(): exactly once, when the stream ends or fails to open;
//   - after an adopt() that returned true: exactly once, when it ends;
//     after adopt() returned false: never (the transport stays unopened);
//   - close() and abort() on an opening or open stream: transportClosed(None)
//     follows from the event loop, unless the stream had already reported
//     its end (then nothing more comes); on a transport never opened: nothing;
//   - release() that returned true: never (the stream lives on elsewhere).
// After transportClosed() a transport sends no more events.
//
// Deleting. The host never deletes a transport from inside one of its
// TransportEvents calls: it deletes it later from the event loop. A
// transport may therefore use its members after any event call returns.
// ~Transport sends no event, and nothing of the transport runs after it.
//
// Unloading [checked]. The host deletes every Transport it got from a
// plugin, then unloads the library. By then nothing of the plugin may be
// left behind:
//   - no timer without a context object the transport owns
//     (QTimer::singleShot(ms, functor) without a context outlives everyone),
//   - no queued call to an object that is gone with the transport,
//   - no thread,
//   - no metatype registered with a type of the plugin
//     (qRegisterMetaType<PluginType>() leaves a pointer into the unloaded
//     library in Qt's registry); use Qt's own types across queued signals,
//   - no QObject parented to qApp or any object of the host.
// Build with CXX_VISIBILITY_PRESET hidden: exported inline symbols become
// GNU unique symbols and the library can then never be unmapped.
//
// Probation [host]. After the host moves a live session onto a new plugin,
// the plugin is on probation for a few seconds. Within it, a stream that ends
// with Protocol, Internal, Network, Tls or Untrusted, a crash, or a broken
// rule above counts as the plugin's fault: the host goes back to the previous
// plugin and refuses this file. ConnectionRefused, HostNotFound,
// HostUnreachable, Timeout and RemoteClosed are the network's or the
// server's doing and count against nobody.
//
// Evolving. Minor versions add, never change:
//   - metadata keys (unknown keys are ignored by older hosts);
//   - calls on TransportEvents, appended at its end: the host implements
//     them, and it loads a plugin only if its minor is not above the host's,
//     so a plugin may call every event of the apiVersion it declares;
//   - optional interfaces a transport implements, found by interface id
//     through TransportExtensions. Transport itself never gets new virtual
//     functions: a 1.0 plugin's vtable would not have them.
// A major version changes LONGLINK_TRANSPORT_IID.
// ---------------------------------------------------------------------------
//
// Metadata (Q_PLUGIN_METADATA FILE, read before any plugin code runs):
//   "name"        short name, [a-z0-9-]+                        required
//   "version"     semantic version, "1.2.3"                      required
//   "apiVersion"  "1.1": the SDK it was built against           required
//   "schemes"     URL schemes it serves: ["mqtts"]              required
//   "description", "vendor"                                      for people
//   "handover"    formats it can release to and adopt from:
//                 ["socket-fd/1"] (1.0 also allowed one string)  optional
//   "options"     the options open() understands, by name, with
//                 their type: {"caFile": "file", "noDelay": "bool"}.
//                 Types: "int", "bool", "string", "file", "list".
//                 The host refuses to open a transport with an option
//                 it does not declare (a TLS transport that silently
//                 ignored a pin would accept any certificate). A 1.0
//                 plugin without the key declares the 1.0 options:
//                 {"connectTimeoutMs": "int", "noDelay": "bool"}.    optional
//
// Options the host passes when the plugin declares them:
//   "connectTimeoutMs" int   give up opening after this long (Timeout)
//   "noDelay"          bool  disable Nagle's algorithm (default true)
//   "caFile"           file  PEM file of the CAs to trust instead of the
//                            system's
//   "pinSha256"        list  SHA-256 fingerprints (hex) of the only server
//                            certificates to accept: a match is trusted
//                            even without a CA, anything else is refused
//                            even with one
//   "trustedSha256"    list  fingerprints the user chose to trust always:
//                            accepted despite verification errors
//   "protocols"        list  WebSocket subprotocols (["mqtt"])
//   "sessionResumption" bool TLS session resumption across reconnects
//                            (default true). A plugin that resumes keeps
//                            a ticket only under the trust it was made
//                            under: a resumed session skips verification.
//
// Handover formats and their state keys (release() fills, adopt() reads):
//   "socket-fd/1": "fd" (qintptr, a duplicate descriptor the adopter owns),
//                  "pending" (QByteArray: read, not yet delivered),
//                  "unsent" (QByteArray: accepted by write(), not yet
//                  handed to the OS; written first by the adopter),
//                  "endpoint" (QString "host:port", for people).
// The host sets "format" in the state before release() to the format both
// plugins declare.
//
// Reasons. The reason of transportClosed() and the certificate's details are
// sentences for people. Make them with tr() (Q_DECLARE_TR_FUNCTIONS in the
// transport class): QCoreApplication::translate then reaches the host's
// translators, whose catalogs include the transports shipped with Longlink.
// A plugin of its own ships its catalogs as translations/<name>_<lang>.qm
// (<name> from the metadata, e.g. translations/mytransport_zh_CN.qm) in the
// folder of its file: the host installs the one for the user's language
// while the library is loaded, and removes it with the library.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtCore/QVariantMap>
#include <QtCore/QtPlugin>

#include <cstring>

namespace longlink::sdk {

/// Major.minor of this header. A plugin states the version it was built
/// against as "apiVersion" in its metadata; the host accepts the same major
/// and a minor not above its own.
inline constexpr int kApiMajor = 1;
inline constexpr int kApiMinor = 1;

/// Why a transport closed or failed to open. Stable numbers: they cross the
/// plugin boundary and are logged. New values are appended.
enum class TransportError : int {
    None = 0, ///< closed on request (close()/abort())
    ConnectionRefused, ///< the peer actively refused the connection
    HostNotFound, ///< the name did not resolve
    HostUnreachable, ///< no route to the host / network down
    Timeout, ///< open did not complete within the "connectTimeoutMs" option
    RemoteClosed, ///< the peer closed an open connection
    Network, ///< any other network error on an open connection
    Tls, ///< TLS handshake failure
    Protocol, ///< framing error of the transport itself (e.g. WebSocket)
    InvalidEndpoint, ///< the URL's scheme, host or port, or an option, is not usable
    Internal, ///< a bug or resource failure inside the plugin
    // 1.1
    Untrusted, ///< the peer's certificate was refused (by a pin or by the user)
};

/// What the user decided about a certificate the transport could not verify.
enum class CertificateDecision : int {
    Refuse = 0, ///< close with Untrusted
    AcceptOnce, ///< go on with this connection only
    AcceptAlways, ///< go on; the host remembers it and passes it in "trustedSha256" from now on
};

/// Receives a transport's events. Implemented by the host; a plugin only
/// calls it. All calls happen on the transport's thread, never from inside a
/// host call (see the contract above).
class TransportEvents
{
public:
    virtual ~TransportEvents() = default;

    /// The byte stream is open; write() may be called.
    virtual void transportOpened() = 0;

    /// Bytes arrived, in order. Chunking carries no meaning: one call may hold
    /// part of a message or several.
    virtual void transportData(const QByteArray &bytes) = 0;

    /// The stream is closed for good (or never opened); see the contract for
    /// when exactly. `error` is None after a requested close; `reason` is a
    /// short translated sentence for people.
    virtual void transportClosed(longlink::sdk::TransportError error, const QString &reason) = 0;

    // --- 1.1

    /// `bytes` more of what write() accepted were handed to the OS. Lets the
    /// host hold back while bytesToWrite() is high (back-pressure).
    virtual void transportBytesWritten(qint64 bytes) = 0;

    /// The peer's certificate could not be verified and no pin or trusted
    /// fingerprint settles it: the transport waits (its connect timeout
    /// suspended) until the host calls CertificateDecisions::decideCertificate()
    /// on it, possibly from inside this call. `certificate` holds:
    ///   "host" (QString), "port" (int),
    ///   "sha256" (QString, hex fingerprint of the leaf certificate's DER),
    ///   "chain" (QStringList, PEM, leaf first),
    ///   "subject", "issuer" (QString), "notBefore", "notAfter" (QDateTime),
    ///   "errors" (QStringList, translated sentences).
    virtual void transportCertificateUntrusted(const QVariantMap &certificate) = 0;
};

/// An asynchronous byte stream to one endpoint. Knows nothing of MQTT.
/// Frozen: new abilities come as extension interfaces (below).
class Transport
{
public:
    virtual ~Transport() = default;

    /// Starts connecting to `endpoint` (its scheme is one the plugin serves).
    /// `options` holds only options the plugin declares in its metadata.
    /// Ends in transportOpened() or transportClosed().
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

    /// Handover (optional, see "handover" above): gives up the open
    /// connection without closing it. Fills `state` (which already holds
    /// "format") with what a plugin declaring that format needs to adopt it.
    /// After a true return the transport sends no more events and no longer
    /// owns the connection. On false nothing has changed. Default: not
    /// supported.
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

// --- 1.1: optional interfaces, found by interface id.

/// A root object that also implements this (and lists it in Q_INTERFACES)
/// lets the host ask each of its transports for optional interfaces. A 1.0
/// plugin does not, and the host then uses none.
class TransportExtensions
{
public:
    virtual ~TransportExtensions() = default;

    /// `transport` (made by this factory) as the interface named `iid`, or
    /// nullptr if it does not implement it. findExtension() below does it.
    virtual void *transportExtension(Transport *transport, const char *iid) = 0;
};

/// What the connection is, for people and logs. Keys (absent when unknown):
///   "protocol" ("tcp", "tls", "websocket"), "url" (QString),
///   "peerAddress", "localAddress" (QString), "peerPort", "localPort" (int),
///   "tlsProtocol" ("TLS 1.3"), "tlsCipher" (QString),
///   "tlsSessionResumed" (bool), "peerCertificateSha256" (QString, hex),
///   "bytesIn", "bytesOut" (qint64: on the wire, since open or adopt).
class ConnectionInfo
{
public:
    static constexpr const char *kIid = "org.longlink.ConnectionInfo/1";
    virtual ~ConnectionInfo() = default;
    virtual QVariantMap connectionInfo() const = 0;
};

/// The answer to transportCertificateUntrusted(). A transport that can send
/// that event implements this.
class CertificateDecisions
{
public:
    static constexpr const char *kIid = "org.longlink.CertificateDecisions/1";
    virtual ~CertificateDecisions() = default;
    /// Called once per transportCertificateUntrusted(), on the transport's
    /// thread, possibly from inside it. Ignored if the stream has ended since.
    virtual void decideCertificate(CertificateDecision decision) = 0;
};

/// For a plugin's TransportExtensions::transportExtension():
///   return sdk::findExtension<sdk::ConnectionInfo, sdk::CertificateDecisions>(
///           static_cast<MyTransport *>(transport), iid);
template<class... Interfaces, class Object>
void *findExtension(Object *object, const char *iid)
{
    void *found = nullptr;
    ((found == nullptr && iid && std::strcmp(iid, Interfaces::kIid) == 0
                     ? (found = static_cast<Interfaces *>(object), true)
                     : false),
            ...);
    return found;
}

} // namespace longlink::sdk

/// A major change of the SDK changes the IID; the host loads only its own.
#define LONGLINK_TRANSPORT_IID "org.longlink.Transport/1"
#define LONGLINK_TRANSPORT_EXTENSIONS_IID "org.longlink.TransportExtensions/1"

Q_DECLARE_INTERFACE(longlink::sdk::TransportFactory, LONGLINK_TRANSPORT_IID)
Q_DECLARE_INTERFACE(longlink::sdk::TransportExtensions, LONGLINK_TRANSPORT_EXTENSIONS_IID)
