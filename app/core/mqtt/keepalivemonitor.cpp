#include "keepalivemonitor.h"

#include <algorithm>

namespace longlink::mqtt {

qint64 KeepAliveMonitor::tickMs() const
{
    const qint64 tick = m_keepAliveMs > 0 ? m_keepAliveMs / 4 : 1000;
    return std::clamp<qint64>(tick, 100, 30'000);
}

void KeepAliveMonitor::reset(qint64 now)
{
    m_lastReceived = now;
    m_lastSent = now;
    m_pingSent = -1;
    m_probeSince = -1;
}

void KeepAliveMonitor::received(qint64 now)
{
    m_lastReceived = now;
    m_probeSince = -1;
}

void KeepAliveMonitor::pingSent(qint64 now)
{
    m_pingSent = now;
    m_lastSent = now;
}

qint64 KeepAliveMonitor::pingAnswered(qint64 now)
{
    received(now);
    const qint64 roundTrip = m_pingSent >= 0 ? now - m_pingSent : -1;
    m_pingSent = -1;
    return roundTrip;
}

void KeepAliveMonitor::probe(qint64 now)
{
    m_probeSince = now;
}

KeepAliveMonitor::Verdict KeepAliveMonitor::check(qint64 now) const
{
    if (m_probeSince >= 0 && now - m_probeSince >= kProbeMs)
        return Verdict::Dead;
    if (m_keepAliveMs <= 0)
        return Verdict::Fine;
    const qint64 silent = now - m_lastReceived;
    if (silent >= m_keepAliveMs)
        return Verdict::Dead;
    // One ping per half keep-alive at most: its answer may come behind
    // other traffic, which counts as well.
    const bool pingDue = m_pingSent < 0 || now - m_pingSent >= m_keepAliveMs / 2;
    if (pingDue && (silent >= m_keepAliveMs / 2 || now - m_lastSent >= m_keepAliveMs * 3 / 4))
        return Verdict::Ping;
    return Verdict::Fine;
}

} // namespace longlink::mqtt
