#include "streamchecks.h"

#include "blackholepeer.h"
#include "trialtransport.h"

#include <QtCore/QtEndian>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>

#include <cstring>

using namespace Qt::StringLiterals;
using longlink::sdk::TransportError;

namespace longlink {

namespace {
constexpr int kConnectTimeoutMs = 3000; // passed to every open but the timeout's
constexpr int kAnswerWaitMs = kConnectTimeoutMs + 2000;
constexpr int kDeliverWaitMs = 10'000;
constexpr int kClosedWaitMs = 3000; // what the host allows after close()
constexpr int kQuietMs = 200; // watching for a late second event
constexpr int kTimeoutOptionMs = 500;
constexpr int kTimeoutMarginMs = 1500;
constexpr qsizetype kLargeWrite = 4 * 1024 * 1024;
constexpr int kSmallWrites = 4000;
const QByteArray kProbe = "longlink transport check\n";
const QString kFormat = u"socket-fd/1"_s;

// Consecutive 32-bit counters from `first` on: any byte lost, doubled or
// moved shows.
QByteArray pattern(qsizetype size, quint32 first)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype at = 0; at < size; at += 4) {
        char word[4];
        qToLittleEndian(first++, word);
        std::memcpy(bytes.data() + at, word, size_t(qMin<qsizetype>(4, size - at)));
    }
    return bytes;
}

qsizetype firstDifference(const QByteArray &got, const QByteArray &wanted)
{
    const qsizetype common = qMin(got.size(), wanted.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (got.at(i) != wanted.at(i))
            return i;
    }
    return common;
}
} // namespace

StreamChecks::StreamChecks(CheckLog &log, const TransportPluginInfo &info, QObject *parent)
    : QObject(parent), m_log(log), m_info(info)
{
    // The first scheme this checker has a peer for; a TLS scheme needs the
    // pin option to trust the peer's throwaway certificate.
    for (const QString &scheme : m_info.schemes) {
        const std::optional<TestPeer::Kind> kind = TestPeer::kindOf(scheme);
        if (kind && (*kind != TestPeer::Kind::Tls || m_info.options.contains(u"pinSha256"_s))) {
            m_scheme = scheme;
            m_knownScheme = true;
            m_peer = std::make_unique<TestPeer>(*kind);
            return;
        }
    }
    m_scheme = m_info.schemes.value(0);
    m_peer = std::make_unique<TestPeer>(TestPeer::Kind::Tcp);
}

StreamChecks::~StreamChecks()
{
    destroyTransports();
}

bool StreamChecks::listen()
{
    if (m_peer->listen())
        return true;
    m_log.begin(u"peer"_s);
    return m_log.fail(
            tr("cannot listen on 127.0.0.1 for the test peer: %1").arg(m_peer->errorString()));
}

void StreamChecks::destroyTransports()
{
    m_main = nullptr;
    m_transports.clear();
}

TrialTransport *StreamChecks::newTransport()
{
    m_transports.push_back(std::make_unique<TrialTransport>(m_factory));
    return m_transports.back()->isValid() ? m_transports.back().get() : nullptr;
}

QVariantMap StreamChecks::options(int connectTimeoutMs) const
{
    // Only what the plugin declares, as the host passes them.
    QVariantMap options;
    if (m_info.options.contains(u"connectTimeoutMs"_s))
        options.insert(u"connectTimeoutMs"_s, connectTimeoutMs);
    if (m_knownScheme)
        options.insert(m_peer->trustOptions());
    return options;
}

QString StreamChecks::peerText() const
{
    QString text = tr("a local %1 peer").arg(TestPeer::kindName(m_peer->kind()));
    if (m_peer->kind() == TestPeer::Kind::Tls)
        text += tr(" (a throwaway self-signed certificate, trusted by its pin)");
    return text;
}

bool StreamChecks::create(sdk::TransportFactory *factory)
{
    m_factory = factory;
    m_log.begin(u"create"_s);
    if (!newTransport())
        return m_log.fail(tr("the plugin created no transport"), u"no-factory"_s);
    m_log.pass();
    return true;
}

TrialTransport *StreamChecks::openOnPeer(int *connection, QString *why)
{
    TrialTransport *transport = newTransport();
    const int before = m_peer->count();
    const QUrl endpoint = m_peer->url(m_scheme);
    transport->open(endpoint, options(kConnectTimeoutMs));
    if (!spinUntil([&] { return transport->answered(); }, kAnswerWaitMs)) {
        *why = tr("neither transportOpened nor transportClosed within %1 ms of open() with "
                  "connectTimeoutMs %2")
                       .arg(kAnswerWaitMs)
                       .arg(kConnectTimeoutMs);
        return nullptr;
    }
    if (transport->opened() == 0) {
        *why = tr("could not open %1: %2 (%3)")
                       .arg(endpoint.toString(), transport->closeReason(),
                               TrialTransport::errorName(transport->closeError()));
        return nullptr;
    }
    // The peer's side may be a moment behind (a TLS server finishing its
    // handshake).
    spinUntil([&] { return m_peer->count() > before; }, kDeliverWaitMs);
    *connection = m_peer->count() > before ? m_peer->count() - 1 : -1;
    if (*connection < 0) {
        *why = tr("transportOpened came, but the peer saw no connection");
        return nullptr;
    }
    return transport;
}

TrialTransport *StreamChecks::beginOnPeer(const QString &check, int *connection)
{
    if (!canStream(check))
        return nullptr;
    m_log.begin(check);
    QString why;
    TrialTransport *transport = openOnPeer(connection, &why);
    if (!transport)
        m_log.fail(why);
    return transport;
}

QByteArray StreamChecks::awaitPeer(int connection, TrialTransport *transport, qsizetype size)
{
    spinUntil(
            [&] { return m_peer->received(connection).size() >= size || transport->closed() > 0; },
            kDeliverWaitMs);
    return m_peer->received(connection);
}

bool StreamChecks::canStream(const QString &check)
{
    if (m_streams)
        return true;
    m_log.notApplicable(check, tr("needs a stream that opens (see \"open\")"));
    return false;
}

void StreamChecks::end(TrialTransport *transport)
{
    if (transport && transport->closed() == 0) {
        transport->abort();
        spinUntil([transport] { return transport->closed() > 0; }, 500);
    }
}

void StreamChecks::run()
{
    checkOpen();
    checkWrite();
    checkClose();
    checkLargeWrite();
    checkSmallWrites();
    checkPeerClose();
    checkRefusal();
    checkTimeout();
    checkHandover();
    checkEvents();
}

void StreamChecks::checkOpen()
{
    m_log.begin(u"open"_s);
    QString why;
    m_main = openOnPeer(&m_mainConnection, &why);
    if (!m_main)
        m_main = m_transports.back().get(); // still closed by the close check
    m_streams = m_main->opened() > 0 && m_mainConnection >= 0;
    QStringList untried;
    for (const QString &scheme : m_info.schemes) {
        if (!TestPeer::kindOf(scheme))
            untried.append(scheme);
    }
    const QString note = untried.isEmpty() || !m_knownScheme
            ? QString()
            : tr("; not tried: %1 (no local peer for it here)").arg(untried.join(u", "_s));
    if (m_streams) {
        m_log.pass(tr("opened %1 against %2%3")
                           .arg(m_peer->url(m_scheme).toString(), peerText(), note));
    } else if (!m_knownScheme) {
        m_log.skip(tr("not applicable: this checker has no peer that speaks \"%1\"; against %2 "
                      "it said: %3")
                           .arg(m_scheme, peerText(), why));
    } else {
        m_log.fail(tr("%1; it must open against %2").arg(why, peerText()));
    }
}

void StreamChecks::checkWrite()
{
    if (!canStream(u"write"_s))
        return;
    m_log.begin(u"write"_s);
    if (!m_main->write(kProbe)) {
        m_log.fail(tr("write() refused %1 bytes on an open transport").arg(kProbe.size()));
        return;
    }
    spinUntil([this] { return m_peer->received(m_mainConnection).size() >= kProbe.size(); },
            kDeliverWaitMs);
    const QByteArray got = m_peer->received(m_mainConnection);
    if (got != kProbe)
        m_log.fail(tr("the peer received %1 of %2 bytes written, within %3 ms")
                           .arg(got.size())
                           .arg(kProbe.size())
                           .arg(kDeliverWaitMs));
    else
        m_log.pass(tr("the peer received %1 bytes").arg(got.size()));
}

void StreamChecks::checkClose()
{
    m_log.begin(u"close"_s);
    const int before = m_main->closed();
    m_main->close();
    if (before == 0 && !spinUntil([this] { return m_main->closed() > 0; }, kClosedWaitMs)) {
        m_log.fail(tr("no transportClosed within %1 s of close(): the host would wait for it "
                      "and then blame the server for a lost connection; send "
                      "transportClosed(None) from the event loop after close() and abort()")
                           .arg(kClosedWaitMs / 1000));
        return;
    }
    spinUntil([] { return false; }, kQuietMs);
    if (m_main->closed() > 1) {
        m_log.fail(tr("transportClosed came %1 times; the contract is exactly once")
                           .arg(m_main->closed()));
        return;
    }
    if (before == 0 && m_main->closeError() != TransportError::None) {
        m_log.fail(tr("transportClosed after close() said %1 (%2); after a requested close it "
                      "is None")
                           .arg(TrialTransport::errorName(m_main->closeError()),
                                   m_main->closeReason()));
        return;
    }
    if (m_streams
            && !spinUntil([this] { return m_peer->isGone(m_mainConnection); }, kClosedWaitMs)) {
        m_log.fail(tr("the peer's connection was still open %1 s after close() and "
                      "transportClosed")
                           .arg(kClosedWaitMs / 1000));
        return;
    }
    m_log.pass(before == 0 ? tr("transportClosed(None) once") : tr("nothing more after its end"));
}

void StreamChecks::checkLargeWrite()
{
    int connection = -1;
    TrialTransport *transport = beginOnPeer(u"large-write"_s, &connection);
    if (!transport)
        return;
    const QByteArray block = pattern(kLargeWrite, 1);
    if (!transport->write(block)) {
        m_log.fail(tr("write() refused one write of %1 MiB").arg(kLargeWrite / (1024 * 1024)));
    } else {
        const QByteArray got = awaitPeer(connection, transport, block.size());
        if (got == block)
            m_log.pass(tr("the peer received all %1 MiB of one write(), in order")
                               .arg(kLargeWrite / (1024 * 1024)));
        else
            m_log.fail(tr("of one write() of %1 bytes the peer received %2, the first %3 of "
                          "them right, within %4 ms%5")
                               .arg(block.size())
                               .arg(got.size())
                               .arg(firstDifference(got, block))
                               .arg(kDeliverWaitMs)
                               .arg(transport->closed() > 0 ? tr("; the stream closed: %1")
                                                                      .arg(transport->closeReason())
                                                            : QString()));
    }
    end(transport);
}

void StreamChecks::checkSmallWrites()
{
    int connection = -1;
    TrialTransport *transport = beginOnPeer(u"small-writes"_s, &connection);
    if (!transport)
        return;
    // Sizes 1 to 61 bytes in turn, cut from one long pattern.
    const QByteArray all = pattern(kSmallWrites * 31, 7);
    qsizetype at = 0;
    int refused = 0;
    for (int i = 0; i < kSmallWrites; ++i) {
        const qsizetype size = 1 + i % 61;
        if (!transport->write(all.mid(at, size)))
            ++refused;
        at += size;
    }
    const QByteArray sent = all.left(at);
    if (refused > 0) {
        m_log.fail(tr("write() refused %1 of %2 small writes on an open transport")
                           .arg(refused)
                           .arg(kSmallWrites));
    } else {
        const QByteArray got = awaitPeer(connection, transport, sent.size());
        if (got == sent)
            m_log.pass(tr("the peer received every byte of %1 writes of 1 to 61 bytes, in order")
                               .arg(kSmallWrites));
        else
            m_log.fail(tr("of %1 small writes (%2 bytes) the peer received %3 bytes, the first "
                          "%4 of them right, within %5 ms")
                               .arg(kSmallWrites)
                               .arg(sent.size())
                               .arg(got.size())
                               .arg(firstDifference(got, sent))
                               .arg(kDeliverWaitMs));
    }
    end(transport);
}

void StreamChecks::checkPeerClose()
{
    int connection = -1;
    TrialTransport *transport = beginOnPeer(u"peer-close"_s, &connection);
    if (!transport)
        return;
    const qsizetype eventsBefore = transport->afterEnd().size();
    m_peer->closeConnection(connection);
    if (!spinUntil([transport] { return transport->closed() > 0; }, kClosedWaitMs)) {
        m_log.fail(tr("no transportClosed within %1 s of the peer closing the connection: the "
                      "session would hang on a dead stream")
                           .arg(kClosedWaitMs / 1000));
        end(transport);
        return;
    }
    spinUntil([] { return false; }, kQuietMs);
    if (transport->closed() > 1)
        m_log.fail(tr("transportClosed came %1 times after the peer closed; the contract is "
                      "exactly once")
                           .arg(transport->closed()));
    else if (transport->closeError() != TransportError::RemoteClosed)
        m_log.fail(tr("the peer closing the connection ended in %1 (%2), not RemoteClosed")
                           .arg(TrialTransport::errorName(transport->closeError()),
                                   transport->closeReason()));
    else if (transport->afterEnd().size() > eventsBefore)
        m_log.fail(tr("%1: no event may follow transportClosed")
                           .arg(transport->afterEnd().join(u"; "_s)));
    else
        m_log.pass(tr("transportClosed(RemoteClosed) once: %1").arg(transport->closeReason()));
}

void StreamChecks::checkRefusal()
{
    if (!m_knownScheme && !m_streams) {
        m_log.notApplicable(
                u"refusal"_s, tr("not applicable: \"%1\" may not connect over TCP").arg(m_scheme));
        return;
    }
    m_log.begin(u"refusal"_s);
    // A port that was free a moment ago: nobody listens there now.
    quint16 port = 0;
    {
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost))
            port = probe.serverPort();
    }
    QUrl endpoint = m_peer->url(m_scheme);
    endpoint.setPort(port);
    TrialTransport *transport = newTransport();
    transport->open(endpoint, options(kConnectTimeoutMs));
    if (!spinUntil([transport] { return transport->closed() > 0; }, kAnswerWaitMs)) {
        m_log.fail(tr("no transportClosed within %1 ms of open() on %2, where nobody listens%3")
                           .arg(kAnswerWaitMs)
                           .arg(endpoint.toString(),
                                   transport->opened() > 0 ? tr(" (it said transportOpened)")
                                                           : QString()));
        end(transport);
        return;
    }
    spinUntil([] { return false; }, kQuietMs);
    if (transport->closed() > 1)
        m_log.fail(tr("transportClosed came %1 times for one refused connection; the contract "
                      "is exactly once")
                           .arg(transport->closed()));
    else if (transport->opened() > 0)
        m_log.fail(
                tr("transportOpened came for %1, where nobody listens").arg(endpoint.toString()));
    else if (transport->closeError() != TransportError::ConnectionRefused)
        m_log.fail(tr("open() on %1, where nobody listens, ended in %2 (%3), not "
                      "ConnectionRefused")
                           .arg(endpoint.toString(),
                                   TrialTransport::errorName(transport->closeError()),
                                   transport->closeReason()));
    else
        m_log.pass(tr("transportClosed(ConnectionRefused) once: %1").arg(transport->closeReason()));
}

void StreamChecks::checkTimeout()
{
    if (!m_knownScheme && !m_streams) {
        m_log.notApplicable(
                u"timeout"_s, tr("not applicable: \"%1\" may not connect over TCP").arg(m_scheme));
        return;
    }
    if (!m_info.options.contains(u"connectTimeoutMs"_s)) {
        m_log.notApplicable(u"timeout"_s,
                tr("not applicable: the metadata declares no \"connectTimeoutMs\" option"));
        return;
    }
    m_log.begin(u"timeout"_s);
    BlackholePeer blackhole;
    if (!blackhole.listen()) {
        m_log.skip(tr("not tried: no peer that never completes a connection could be made (%1)")
                           .arg(blackhole.errorString()));
        return;
    }
    QUrl endpoint = m_peer->url(m_scheme);
    endpoint.setPort(blackhole.port());
    TrialTransport *transport = newTransport();
    transport->open(endpoint, options(kTimeoutOptionMs));
    const int limit = kTimeoutOptionMs + kTimeoutMarginMs;
    if (!spinUntil([transport] { return transport->closed() > 0; }, limit)) {
        m_log.fail(tr("no transportClosed within %1 ms of open() with connectTimeoutMs %2 on a "
                      "peer that never completes the connection: end the open with Timeout "
                      "when connectTimeoutMs has passed")
                           .arg(limit)
                           .arg(kTimeoutOptionMs));
        end(transport);
        return;
    }
    spinUntil([] { return false; }, kQuietMs);
    if (transport->closed() > 1)
        m_log.fail(tr("transportClosed came %1 times for one timed-out open; the contract is "
                      "exactly once")
                           .arg(transport->closed()));
    else if (transport->closeError() != TransportError::Timeout)
        m_log.fail(tr("an open that never completes ended in %1 (%2), not Timeout")
                           .arg(TrialTransport::errorName(transport->closeError()),
                                   transport->closeReason()));
    else
        m_log.pass(tr("transportClosed(Timeout) once, within %1 ms of open() with "
                      "connectTimeoutMs %2")
                           .arg(limit)
                           .arg(kTimeoutOptionMs));
}

void StreamChecks::checkHandover()
{
    // Only for a plugin that declares the format: the host offers a
    // handover to no other.
    if (!m_info.handovers.contains(kFormat))
        return;
    int connection = -1;
    TrialTransport *first = beginOnPeer(u"handover"_s, &connection);
    if (!first)
        return;
    const QByteArray hello = "before release\n";
    first->write(hello);
    spinUntil([&] { return m_peer->received(connection).size() >= hello.size(); }, kDeliverWaitMs);
    // Sent by the peer and written by the first transport right before the
    // release, without the event loop between: what the first transport
    // has not delivered or not handed to the OS must travel in "pending"
    // and "unsent" (or stay in the descriptor).
    const QByteArray fromPeer = pattern(64 * 1024, 1000);
    m_peer->send(connection, fromPeer);
    const QByteArray unsent = pattern(1024 * 1024, 5000);
    if (!first->write(unsent)) {
        m_log.fail(tr("write() refused %1 bytes on an open transport").arg(unsent.size()));
        end(first);
        return;
    }
    QVariantMap state { { u"format"_s, kFormat } };
    if (!first->release(state)) {
        m_log.fail(tr("release() returned false on an open transport, although the metadata "
                      "declares %1")
                           .arg(kFormat));
        end(first);
        return;
    }
    const QByteArray deliveredBefore = first->received();
    TrialTransport *second = newTransport();
    if (!second->adopt(state)) {
        m_log.fail(tr("adopt() of what release() gave (%1) returned false")
                           .arg(QStringList(state.keys()).join(u", "_s)));
        return;
    }
    const QByteArray after = "after adopt\n";
    if (!second->write(after)) {
        m_log.fail(tr("write() on the adopting transport returned false: after adopt() the "
                      "stream is open at once"));
        end(second);
        return;
    }
    const QByteArray wanted = hello + unsent + after;
    spinUntil([&] { return m_peer->received(connection).size() >= wanted.size(); }, kDeliverWaitMs);
    spinUntil([&] { return deliveredBefore.size() + second->received().size() >= fromPeer.size(); },
            kDeliverWaitMs);
    const QByteArray back = "back from the peer\n";
    m_peer->send(connection, back);
    spinUntil([&] { return second->received().endsWith(back); }, kDeliverWaitMs);

    const QByteArray got = m_peer->received(connection);
    QStringList problems;
    if (got != wanted)
        problems.append(tr("the peer received %1 of %2 bytes, the first %3 of them right: the "
                           "bytes write() accepted before release() go in \"unsent\", and the "
                           "adopter writes them first")
                                .arg(got.size())
                                .arg(wanted.size())
                                .arg(firstDifference(got, wanted)));
    if (deliveredBefore + second->received() != fromPeer + back)
        problems.append(tr("of %1 bytes the peer sent, %2 came from the first transport and %3 "
                           "from the adopter: what was read but not delivered before release() "
                           "goes in \"pending\", and the adopter delivers it")
                                .arg(fromPeer.size() + back.size())
                                .arg(deliveredBefore.size())
                                .arg(second->received().size()));
    if (second->opened() > 0)
        problems.append(tr("the adopter sent transportOpened: an adopted stream is open at once, "
                           "without it"));
    if (!first->afterEnd().isEmpty() || first->closed() > 0)
        problems.append(tr("the released transport sent %1: after release() it sends nothing")
                                .arg(first->afterEnd().join(u", "_s)));
    if (second->closed() > 0)
        problems.append(tr("the adopter closed: %1").arg(second->closeReason()));
    if (!problems.isEmpty())
        m_log.fail(problems.join(u"; "_s));
    else
        m_log.pass(tr("%1: release() and adopt() by a second transport; \"pending\" and "
                      "\"unsent\" kept, data flowed both ways")
                           .arg(kFormat));
    end(second);
}

void StreamChecks::checkEvents()
{
    m_log.begin(u"events"_s);
    QStringList inside;
    QStringList after;
    for (const auto &transport : m_transports) {
        for (const QString &line : transport->insideCalls()) {
            if (!inside.contains(line))
                inside.append(line);
        }
        for (const QString &line : transport->afterEnd()) {
            if (!after.contains(line))
                after.append(line);
        }
    }
    QStringList problems;
    if (!inside.isEmpty())
        problems.append(tr("%1: queue events (QMetaObject::invokeMethod with "
                           "Qt::QueuedConnection on an object the transport owns), never send "
                           "them from inside open(), write(), close(), abort(), release() or "
                           "adopt()")
                                .arg(inside.join(u", "_s)));
    if (!after.isEmpty())
        problems.append(tr("%1: after transportClosed, or a release() that returned true, a "
                           "transport sends no more events")
                                .arg(after.join(u", "_s)));
    if (!problems.isEmpty())
        m_log.fail(problems.join(u"; "_s));
    else
        m_log.pass(tr("none from inside a host call or after the end (%n transport(s))", "",
                int(m_transports.size())));
}

} // namespace longlink
