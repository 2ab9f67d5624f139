#pragma once

#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtCore/QVariantMap>

namespace longlink {

// An asynchronous byte stream to one endpoint, as the session sees it. The
// session knows nothing else of what carries its bytes: the plugin host
// implements this over a transport plugin, unit tests over memory.
//
// Contract (the same as the transport SDK's): opened() or closed() follows
// open(); closed() comes once, and no signal is emitted from inside a call
// to the link, so a receiver may call back into it. Delete a link with
// deleteLater() from inside its own signals.
class ByteLink : public QObject
{
    Q_OBJECT

public:
    // Why a link closed. The numbers follow longlink::sdk::TransportError.
    enum class Error {
        None, // closed on request
        ConnectionRefused,
        HostNotFound,
        HostUnreachable,
        Timeout,
        RemoteClosed,
        Network,
        Tls,
        Protocol, // the bytes made no sense (framing, or MQTT above it)
        InvalidEndpoint,
        Internal,
        Untrusted, // the server's certificate was refused (a pin, or the user)
    };
    Q_ENUM(Error)

    // What the user said of a certificate that could not be verified.
    // The numbers follow longlink::sdk::CertificateDecision.
    enum class CertificateDecision { Refuse, AcceptOnce, AcceptAlways };
    Q_ENUM(CertificateDecision)

    // How a live session moves from one link to another (design section 3).
    enum class MoveMode {
        Handover, // the old link releases its open connection, the new one adopts it
        Reconnect, // make-before-break: the new link connects, the server moves the session
        BreakBeforeMake, // the old link closes first (the naive way; a benchmark reference)
    };
    Q_ENUM(MoveMode)

    using QObject::QObject;

    virtual void open(const QUrl &endpoint, const QVariantMap &options) = 0;
    // False when the link is not open; the bytes are then dropped.
    virtual bool write(const QByteArray &bytes) = 0;
    // Bytes accepted by write() not yet handed to the operating system.
    virtual qint64 bytesToWrite() const = 0;
    // Flushes, then closes; closed(None) follows.
    virtual void close() = 0;
    // Closes at once; closed(None) follows.
    virtual void abort() = 0;
    // Handover: gives up the open connection into `state` without closing
    // it; no signal follows a true return.
    virtual bool release(QVariantMap &state);
    // Handover: takes over a released connection; open at once on true.
    virtual bool adopt(const QVariantMap &state);
    // Handover: what this (new) link asks the old one's release() for, such
    // as the format both speak ({"format": "socket-fd/1"}).
    virtual QVariantMap handoverRequest() const;
    // Says what carries the bytes, for logs ("tcp 1.0.0").
    virtual QString description() const = 0;
    // What the connection is (the keys of longlink::sdk::ConnectionInfo);
    // empty when the link cannot say.
    virtual QVariantMap connectionInfo() const;
    // The answer to certificateUntrusted(); ignored when nobody asked.
    virtual void decideCertificate(CertificateDecision decision);

    static QString errorName(Error error);

Q_SIGNALS:
    void opened();
    void dataReceived(const QByteArray &bytes);
    void closed(longlink::ByteLink::Error error, const QString &reason);
    // `bytes` more of what write() accepted went to the operating system.
    void bytesWritten(qint64 bytes);
    // The server's certificate could not be verified: the link waits for
    // decideCertificate(). `certificate` has the keys of
    // longlink::sdk::TransportEvents::transportCertificateUntrusted().
    void certificateUntrusted(const QVariantMap &certificate);
};

} // namespace longlink
