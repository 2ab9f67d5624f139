#include "blackholepeer.h"

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

BlackholePeer::~BlackholePeer()
{
#ifdef Q_OS_UNIX
    if (m_filler >= 0)
        ::close(m_filler);
    if (m_listener >= 0)
        ::close(m_listener);
#endif
}

bool BlackholePeer::listen()
{
#ifdef Q_OS_UNIX
    auto failed = [this](const char *what) {
        m_error = u"%1: %2"_s.arg(QLatin1StringView(what), QString::fromLocal8Bit(strerror(errno)));
        return false;
    };
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listener < 0)
        return failed("socket");
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), length) != 0)
        return failed("bind");
    if (::listen(m_listener, 0) != 0)
        return failed("listen");
    if (::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return failed("getsockname");
    m_port = ntohs(address.sin_port);
    // Fills the queue: completes at once on loopback, and is never accepted.
    m_filler = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_filler < 0)
        return failed("socket");
    if (::connect(m_filler, reinterpret_cast<sockaddr *>(&address), length) != 0)
        return failed("connect");
    return true;
#else
    m_error = u"not available on this system"_s;
    return false;
#endif
}

} // namespace longlink
