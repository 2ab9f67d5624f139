#pragma once

#include <QtCore/QRandomGenerator>

namespace longlink {

// Exponential reconnect delay with jitter: attempt n waits a random time in
// [d/2, d] with d = min(cap, initial * 2^n). The jitter keeps many clients
// that lost the same broker from coming back in lockstep.
class Backoff
{
public:
    explicit Backoff(int initialMs = 250, int capMs = 30'000, quint32 seed = 0);

    int nextDelayMs();
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }

private:
    int m_initialMs;
    int m_capMs;
    int m_attempt = 0;
    QRandomGenerator m_random;
};

} // namespace longlink
