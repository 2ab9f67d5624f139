#include "backoff.h"

#include <algorithm>

namespace longlink {

Backoff::Backoff(int initialMs, int capMs, quint32 seed)
    : m_initialMs(std::max(1, initialMs)), m_capMs(std::max(initialMs, capMs)),
      m_random(seed ? seed : QRandomGenerator::system()->generate())
{
}

int Backoff::nextDelayMs()
{
    const int shift = std::min(m_attempt, 20);
    const qint64 ceiling = std::min<qint64>(m_capMs, qint64(m_initialMs) << shift);
    ++m_attempt;
    const qint64 floor = ceiling / 2;
    return int(floor + m_random.bounded(ceiling - floor + 1));
}

} // namespace longlink
