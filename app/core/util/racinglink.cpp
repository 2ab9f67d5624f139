#include "racinglink.h"

#include "logging.h"

#include <QtCore/QStringList>

using namespace Qt::StringLiterals;

namespace longlink {

RacingLink::RacingLink(std::vector<Candidate> candidates, QObject *parent) : ByteLink(parent)
{
    for (Candidate &candidate : candidates)
        m_attempts.push_back(Attempt { std::move(candidate), {}, false, false, false, {}, {} });
    m_staggerTimer.setSingleShot(true);
    connect(&m_staggerTimer, &QTimer::timeout, this, &RacingLink::startNext);
    m_preferenceTimer.setSingleShot(true);
    connect(&m_preferenceTimer, &QTimer::timeout, this, [this] {
        m_preferenceOver = true;
        decide();
    });
}

RacingLink::~RacingLink()
{
    // The links are children: deleted with this one, each ending what it
    // still holds (a winner that released its connection holds nothing).
    for (Attempt &attempt : m_attempts) {
        if (attempt.link)
            attempt.link->disconnect(this);
    }
}

void RacingLink::open(const QUrl &, const QVariantMap &options)
{
    if (m_opening || m_done)
        return;
    m_opening = true;
    m_options = options;
    if (m_attempts.empty()) {
        finishLater(Error::InvalidEndpoint, tr("no server address to connect to"));
        return;
    }
    // Not from inside open(): a candidate that fails at once must not
    // make this link signal from inside the caller's call.
    QMetaObject::invokeMethod(this, &RacingLink::startNext, Qt::QueuedConnection);
}

void RacingLink::startNext()
{
    if (m_winner || m_done)
        return;
    for (size_t i = 0; i < m_attempts.size(); ++i) {
        if (!m_attempts[i].started) {
            start(i);
            return;
        }
    }
}

void RacingLink::start(size_t index)
{
    Attempt &attempt = m_attempts[index];
    attempt.started = true;
    QString error;
    ByteLink *link = attempt.candidate.make ? attempt.candidate.make(this, &error) : nullptr;
    if (!link) {
        attempt.failed = true;
        attempt.error = Error::InvalidEndpoint;
        attempt.reason = error.isEmpty() ? tr("no transport for it") : error;
        decide();
        return;
    }
    link->setParent(this);
    attempt.link = link;
    connect(link, &ByteLink::opened, this, [this, index] { onOpened(index); });
    connect(link, &ByteLink::closed, this, [this, index](ByteLink::Error e, const QString &reason) {
        onClosed(index, e, reason);
    });
    connect(link, &ByteLink::certificateUntrusted, this, [this, link](const QVariantMap &c) {
        m_asking = link;
        Q_EMIT certificateUntrusted(c);
    });
    QVariantMap options = m_options;
    for (auto it = attempt.candidate.options.cbegin(); it != attempt.candidate.options.cend(); ++it)
        options.insert(it.key(), it.value());
    qCDebug(lcSession).noquote() << "racing" << attempt.candidate.url.toDisplayString() << "via"
                                 << link->description();
    link->open(attempt.candidate.url, options);
    // The next address gets its turn after a step, or at once if this fails.
    m_staggerTimer.start(kStaggerMs);
}

void RacingLink::onOpened(size_t index)
{
    if (m_winner || m_done)
        return;
    m_attempts[index].opened = true;
    decide();
}

void RacingLink::onClosed(size_t index, ByteLink::Error error, const QString &reason)
{
    Attempt &attempt = m_attempts[index];
    if (m_winner && index == m_winnerIndex) {
        // The winner's end is this link's end.
        m_done = true;
        Q_EMIT closed(error, reason);
        return;
    }
    if (m_winner || m_done)
        return;
    attempt.failed = true;
    attempt.opened = false;
    attempt.error = error;
    attempt.reason = reason;
    if (attempt.link) {
        if (m_asking == attempt.link)
            m_asking.clear();
        attempt.link->disconnect(this);
        attempt.link->deleteLater();
        attempt.link.clear();
    }
    decide();
}

void RacingLink::decide()
{
    if (m_winner || m_done)
        return;
    // The earliest address still in the running decides: if it has opened,
    // it wins; if a later one has opened, that one wins once the earlier
    // ones have failed or the preference window is over.
    std::optional<size_t> firstOpen;
    bool earlierPending = false;
    for (size_t i = 0; i < m_attempts.size(); ++i) {
        const Attempt &attempt = m_attempts[i];
        if (attempt.opened) {
            firstOpen = i;
            break;
        }
        if (!attempt.failed)
            earlierPending = true;
    }
    if (firstOpen) {
        if (!earlierPending) {
            win(*firstOpen);
            return;
        }
        if (m_preferenceOver)
            win(*firstOpen);
        else if (!m_preferenceTimer.isActive())
            m_preferenceTimer.start(kPreferenceWindowMs);
        return;
    }
    bool allFailed = true;
    bool anyUnstarted = false;
    for (const Attempt &attempt : m_attempts) {
        allFailed &= attempt.failed;
        anyUnstarted |= !attempt.started;
    }
    if (allFailed) {
        failAll();
        return;
    }
    // One failed and nothing is open: the next one need not wait its step.
    if (anyUnstarted) {
        bool running = false;
        for (const Attempt &attempt : m_attempts)
            running |= attempt.started && !attempt.failed;
        if (!running) {
            m_staggerTimer.stop();
            startNext();
        }
    }
}

void RacingLink::win(size_t index)
{
    m_staggerTimer.stop();
    m_preferenceTimer.stop();
    m_winnerIndex = index;
    m_winner = m_attempts[index].link;
    dropLosers();
    // What the winner sends from now on is this link's.
    connect(m_winner, &ByteLink::dataReceived, this, &ByteLink::dataReceived);
    connect(m_winner, &ByteLink::bytesWritten, this, &ByteLink::bytesWritten);
    qCInfo(lcSession).noquote() << "of" << m_attempts.size() << "addresses,"
                                << m_attempts[index].candidate.url.toDisplayString()
                                << "answered first";
    Q_EMIT won(m_attempts[index].candidate.url, m_winner);
    Q_EMIT opened();
}

void RacingLink::dropLosers()
{
    for (size_t i = 0; i < m_attempts.size(); ++i) {
        Attempt &attempt = m_attempts[i];
        if (i == m_winnerIndex || !attempt.link)
            continue;
        attempt.link->disconnect(this);
        attempt.link->abort();
        attempt.link->deleteLater();
        attempt.link.clear();
    }
}

void RacingLink::failAll()
{
    m_staggerTimer.stop();
    m_preferenceTimer.stop();
    QStringList reasons;
    Error error = Error::None;
    for (const Attempt &attempt : m_attempts) {
        reasons.append(u"%1: %2"_s.arg(attempt.candidate.url.toDisplayString(), attempt.reason));
        // The most telling error: a refused certificate over a timeout.
        if (error == Error::None || attempt.error == Error::Untrusted)
            error = attempt.error;
    }
    m_done = true;
    Q_EMIT closed(error, reasons.join(u"; "_s));
}

void RacingLink::finishLater(ByteLink::Error error, const QString &reason)
{
    m_done = true;
    QMetaObject::invokeMethod(
            this, [this, error, reason] { Q_EMIT closed(error, reason); }, Qt::QueuedConnection);
}

bool RacingLink::write(const QByteArray &bytes)
{
    return m_winner && m_winner->write(bytes);
}

qint64 RacingLink::bytesToWrite() const
{
    return m_winner ? m_winner->bytesToWrite() : 0;
}

void RacingLink::close()
{
    if (m_winner) {
        m_winner->close();
        return;
    }
    abort();
}

void RacingLink::abort()
{
    if (m_winner) {
        m_winner->abort();
        return;
    }
    if (m_done || !m_opening)
        return; // never opened: nothing follows (the ByteLink contract)
    m_winnerIndex = m_attempts.size();
    dropLosers();
    m_staggerTimer.stop();
    m_preferenceTimer.stop();
    finishLater(Error::None, tr("closed"));
}

bool RacingLink::release(QVariantMap &state)
{
    return m_winner && m_winner->release(state);
}

bool RacingLink::adopt(const QVariantMap &)
{
    return false; // a new link adopts; a race is only ever the first link
}

QVariantMap RacingLink::handoverRequest() const
{
    return m_winner ? m_winner->handoverRequest() : QVariantMap();
}

QString RacingLink::description() const
{
    if (m_winner)
        return m_winner->description();
    return tr("%n addresses", nullptr, int(m_attempts.size()));
}

QVariantMap RacingLink::connectionInfo() const
{
    return m_winner ? m_winner->connectionInfo() : QVariantMap();
}

void RacingLink::decideCertificate(CertificateDecision decision)
{
    if (ByteLink *link = m_winner ? m_winner.data() : m_asking.data())
        link->decideCertificate(decision);
    m_asking.clear();
}

QUrl RacingLink::winnerUrl() const
{
    return m_winner ? m_attempts[m_winnerIndex].candidate.url : QUrl();
}

} // namespace longlink
