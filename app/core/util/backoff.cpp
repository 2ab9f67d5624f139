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
    // initial < 2^31, so a shift of 31 already passes any int cap and cannot overflow.
    const int shift = std::min(m_attempt, 31);
    const qint64 ceiling = std::min<qint64>(m_capMs, qint64(m_initialMs) << shift);
    ++m_attempt;
    const qint64 floor = ceiling / 2;
    return int(floor + m_random.bounded(ceiling - floor + 1));
}

} // namespace longlink
