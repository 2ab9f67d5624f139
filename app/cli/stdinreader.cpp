#include "stdinreader.h"

#include <unistd.h>

#include <cerrno>

namespace longlink::cli {

StdinReader::StdinReader(QObject *parent) : QObject(parent) { }

void StdinReader::start()
{
    m_notifier = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
    m_notifier->setEnabled(!m_paused);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &StdinReader::readSome);
}

void StdinReader::stop()
{
    m_notifier.reset();
}

void StdinReader::setPaused(bool paused)
{
    m_paused = paused;
    if (m_notifier)
        m_notifier->setEnabled(!paused);
}

void StdinReader::readSome()
{
    if (m_done)
        return;
    char buffer[64 * 1024];
    const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (count < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (count <= 0) {
        m_done = true;
        m_notifier.reset();
        if (!m_partial.isEmpty())
            Q_EMIT lines({ QString::fromUtf8(std::exchange(m_partial, {})) });
        Q_EMIT endOfInput();
        return;
    }
    m_partial.append(buffer, count);
    QStringList complete;
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = m_partial.indexOf('\n', start);
        if (end < 0)
            break;
        qsizetype stop = end;
        if (stop > start && m_partial.at(stop - 1) == '\r')
            --stop;
        complete.append(QString::fromUtf8(m_partial.constData() + start, stop - start));
        start = end + 1;
    }
    m_partial.remove(0, start);
    if (!complete.isEmpty())
        Q_EMIT lines(complete);
}

} // namespace longlink::cli
