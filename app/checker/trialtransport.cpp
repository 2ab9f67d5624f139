#include "trialtransport.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QThread>

using namespace Qt::StringLiterals;

namespace longlink {

bool spinUntil(const std::function<bool()> &done, int milliseconds)
{
    const QDeadlineTimer deadline(milliseconds);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QThread::msleep(1);
    }
    return true;
}

TrialTransport::TrialTransport(sdk::TransportFactory *factory)
{
    call("createTransport", [&] { m_transport.reset(factory->createTransport(this)); });
}

TrialTransport::~TrialTransport()
{
    m_transport.reset();
}

QString TrialTransport::errorName(sdk::TransportError error)
{
    static const QStringList names { u"None"_s, u"ConnectionRefused"_s, u"HostNotFound"_s,
        u"HostUnreachable"_s, u"Timeout"_s, u"RemoteClosed"_s, u"Network"_s, u"Tls"_s,
        u"Protocol"_s, u"InvalidEndpoint"_s, u"Internal"_s, u"Untrusted"_s };
    return names.value(int(error), u"error %1"_s.arg(int(error)));
}

void TrialTransport::call(const char *what, const std::function<void()> &body)
{
    m_insideCall = what;
    body();
    m_insideCall = nullptr;
}

void TrialTransport::open(const QUrl &endpoint, const QVariantMap &options)
{
    call("open", [&] { m_transport->open(endpoint, options); });
}

bool TrialTransport::write(const QByteArray &bytes)
{
    bool accepted = false;
    call("write", [&] { accepted = m_transport->write(bytes); });
    return accepted;
}

void TrialTransport::close()
{
    call("close", [&] { m_transport->close(); });
}

void TrialTransport::abort()
{
    call("abort", [&] { m_transport->abort(); });
}

bool TrialTransport::release(QVariantMap &state)
{
    call("release", [&] { m_released = m_transport->release(state); });
    return m_released;
}

bool TrialTransport::adopt(const QVariantMap &state)
{
    bool adopted = false;
    call("adopt", [&] { adopted = m_transport->adopt(state); });
    return adopted;
}

void TrialTransport::note(const char *event, bool afterEndCounts)
{
    if (m_insideCall) {
        const QString line = u"%1 from inside %2()"_s.arg(
                QLatin1StringView(event), QLatin1StringView(m_insideCall));
        if (!m_inside.contains(line))
            m_inside.append(line);
    }
    if (!afterEndCounts)
        return;
    const QString after = m_released ? u"%1 after release()"_s.arg(QLatin1StringView(event))
            : m_closed > 0           ? u"%1 after transportClosed"_s.arg(QLatin1StringView(event))
                                     : QString();
    if (!after.isEmpty() && !m_afterEnd.contains(after))
        m_afterEnd.append(after);
}

void TrialTransport::transportOpened()
{
    note("transportOpened");
    ++m_opened;
}

void TrialTransport::transportData(const QByteArray &bytes)
{
    note("transportData");
    m_received += bytes;
}

void TrialTransport::transportClosed(sdk::TransportError error, const QString &reason)
{
    // A second transportClosed is counted (closed()), not listed as an
    // event after the end.
    note("transportClosed", m_released);
    ++m_closed;
    if (m_closed == 1) {
        m_closeError = error;
        m_closeReason = reason;
    }
}

void TrialTransport::transportBytesWritten(qint64 bytes)
{
    Q_UNUSED(bytes);
    note("transportBytesWritten");
}

void TrialTransport::transportCertificateUntrusted(const QVariantMap &certificate)
{
    Q_UNUSED(certificate);
    note("transportCertificateUntrusted");
}

} // namespace longlink
