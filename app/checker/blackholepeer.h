#pragma once

#include <QtCore/QString>
#include <QtCore/QtGlobal>

namespace longlink {

// A listening socket on 127.0.0.1 whose accept queue is full: a backlog of
// 0 holds the one connection made here, which nobody accepts, so the kernel
// drops every further SYN and a connection to it never completes. What a
// transport meets with a server that is down behind a firewall dropping
// packets: only its connect timeout ends the wait.
class BlackholePeer
{
public:
    BlackholePeer() = default;
    ~BlackholePeer();
    BlackholePeer(const BlackholePeer &) = delete;
    BlackholePeer &operator=(const BlackholePeer &) = delete;

    bool listen();
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }

private:
    int m_listener = -1;
    int m_filler = -1;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace longlink
