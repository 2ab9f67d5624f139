#pragma once

#include <QtCore/QtGlobal>

namespace longlink::mqtt {

// When to ping and when a link is dead (MQTT keep-alive, design section 3).
// Every packet received is a sign of life, not only PINGRESP: a busy link
// whose ping answer waits behind a burst of messages is alive. A link
// silent for half the keep-alive gets a PINGREQ; one silent for the whole
// keep-alive is dead. Checked every tickMs(), a dead link is noticed within
// 1.25x the keep-alive (the design allows 1.5x), and we write something at
// least every 3/4 of it so the broker never thinks us gone.
//
// Pure bookkeeping on times the caller passes in (milliseconds on one
// monotonic clock), so it is tested without waiting.
class KeepAliveMonitor
{
public:
    enum class Verdict { Fine, Ping, Dead };

    // After waking from sleep a link gets this long to show it is alive.
    static constexpr qint64 kProbeMs = 3000;

    void setKeepAliveMs(qint64 milliseconds) { m_keepAliveMs = milliseconds; }
    qint64 keepAliveMs() const { return m_keepAliveMs; }
    // How often check() should run.
    qint64 tickMs() const;

    // A new link is open: everything starts from `now`.
    void reset(qint64 now);
    // Any packet (or any bytes) from the server; it also answers a probe.
    void received(qint64 now);
    void sent(qint64 now) { m_lastSent = now; }
    void pingSent(qint64 now);
    // A PINGRESP: the round trip of the outstanding ping, or -1.
    qint64 pingAnswered(qint64 now);
    // Asks for proof of life within kProbeMs (after waking from sleep).
    void probe(qint64 now);
    bool isProbing() const { return m_probeSince >= 0; }
    bool isPingOutstanding() const { return m_pingSent >= 0; }

    Verdict check(qint64 now) const;
    // Silence so far, for the reason given when a link is declared dead.
    qint64 silenceMs(qint64 now) const { return now - m_lastReceived; }

private:
    qint64 m_keepAliveMs = 30'000;
    qint64 m_lastReceived = 0;
    qint64 m_lastSent = 0;
    qint64 m_pingSent = -1;
    qint64 m_probeSince = -1;
};

} // namespace longlink::mqtt
