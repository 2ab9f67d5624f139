#include "faultytransport.h"

#include "tcptransport.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

using namespace Qt::StringLiterals;
using longlink::sdk::TransportError;

#ifdef LONGLINK_FIXTURE_FAULT_UNRESOLVED
// Defined nowhere: a data reference is resolved when the library is loaded,
// so dlopen fails with "undefined symbol".
extern "C" int longlink_fixture_symbol_that_does_not_exist;
extern "C" __attribute__((visibility("default"))) int longlink_fixture_touch()
{
    return longlink_fixture_symbol_that_does_not_exist;
}
#endif

#ifdef LONGLINK_FIXTURE_FAULT_MARKER
// Proof for the tests that this plugin's code never ran: loading it (in
// this process or in a check) writes the file LONGLINK_FIXTURE_MARKER names.
#include <cstdio>
namespace {
const int g_marked = [] {
    if (const char *path = std::getenv("LONGLINK_FIXTURE_MARKER")) {
        if (std::FILE *file = std::fopen(path, "w"))
            std::fclose(file);
    }
    return 0;
}();
} // namespace
#endif

#ifdef LONGLINK_FIXTURE_FAULT_HANG
// The mistake: a static initializer that never returns, so loading the
// library never returns either.
namespace {
const int g_neverReady = [] {
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    return 0;
}();
} // namespace
#endif

namespace longlink::test {

namespace {

// Sits between the TCP transport and the host to misbehave on cue.
class FaultyTransport final : public longlink::sdk::Transport,
                              private longlink::sdk::TransportEvents
{
public:
    explicit FaultyTransport(longlink::sdk::TransportEvents *events)
        : m_events(events), m_inner(std::make_unique<longlink::transports::TcpTransport>(
                                    static_cast<longlink::sdk::TransportEvents *>(this)))
    {
    }
#if defined(LONGLINK_FIXTURE_FAULT_LEFTMETATYPE)
    struct Payload
    {
        int value = 0;
    };
    ~FaultyTransport() override
    {
        // The mistake: a type of this library in Qt's metatype registry,
        // which keeps pointers to it after the unload.
        qRegisterMetaType<Payload>();
    }
#endif
#if defined(LONGLINK_FIXTURE_FAULT_LEFTTHREAD)
    ~FaultyTransport() override
    {
        // The mistake: a detached thread running this library's code.
        std::thread([] {
            for (;;)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }).detach();
    }
#endif
#if defined(LONGLINK_FIXTURE_FAULT_LATETIMER) || defined(LONGLINK_FIXTURE_FAULT_LEFTTIMER)
    ~FaultyTransport() override
    {
        // The mistake: a timer with no context object of ours, whose code is
        // in this library. Once the library is unloaded, it fires into
        // unmapped memory and takes the process down.
#ifdef LONGLINK_FIXTURE_FAULT_LATETIMER
        constexpr int kDelayMs = 3000;
#else
        constexpr int kDelayMs = 200;
#endif
        QTimer::singleShot(kDelayMs, QCoreApplication::instance(), [] {
            static volatile int fired = 0;
            fired = fired + 1;
        });
    }
#endif

    void open(const QUrl &endpoint, const QVariantMap &options) override
    {
#if defined(LONGLINK_FIXTURE_FAULT_CRASH)
        Q_UNUSED(endpoint);
        Q_UNUSED(options);
        std::abort();
#elif defined(LONGLINK_FIXTURE_FAULT_REFUSE)
        Q_UNUSED(endpoint);
        Q_UNUSED(options);
        QMetaObject::invokeMethod(
                &m_context,
                [this] {
                    // Through the translators, as the SDK asks: the fixture
                    // ships a Chinese catalog (tests/plugins/translations).
                    m_events->transportClosed(TransportError::ConnectionRefused,
                            QCoreApplication::translate(
                                    "FixtureTransport", "fixture refuses to open"));
                },
                Qt::QueuedConnection);
#elif defined(LONGLINK_FIXTURE_FAULT_SILENT)
        Q_UNUSED(endpoint);
        Q_UNUSED(options);
        // Never answers: neither opened nor closed.
#elif defined(LONGLINK_FIXTURE_FAULT_EVENTINOPEN)
        // The mistake: open() waits for the connection in a nested event
        // loop, so transportOpened (or transportClosed) is sent from inside
        // open() instead of from the event loop.
        m_inner->open(endpoint, options);
        const QDeadlineTimer deadline(5000);
        while (!m_answered && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
#else
        m_inner->open(endpoint, options);
#endif
    }
    bool write(const QByteArray &bytes) override
    {
        return m_inner->write(bytes);
    }
    qint64 bytesToWrite() const override
    {
        return m_inner->bytesToWrite();
    }
    void close() override
    {
#if defined(LONGLINK_FIXTURE_FAULT_NOCLOSED)
        // The mistake: the connection goes, but transportClosed never comes.
        m_inner->abort();
        m_events = &m_silent;
#else
        m_inner->close();
#endif
    }
    void abort() override
    {
        m_failTimer.reset();
#if defined(LONGLINK_FIXTURE_FAULT_NOCLOSED)
        m_inner->abort();
        m_events = &m_silent;
#elif defined(LONGLINK_FIXTURE_FAULT_SILENT)
        QMetaObject::invokeMethod(
                &m_context,
                [this] { m_events->transportClosed(TransportError::None, u"closed"_s); },
                Qt::QueuedConnection);
#else
        m_inner->abort();
#endif
    }
    bool release(QVariantMap &state) override
    {
        return m_inner->release(state);
    }
    bool adopt(const QVariantMap &state) override
    {
        const bool adopted = m_inner->adopt(state);
        if (adopted)
            armProbationFault();
        return adopted;
    }

private:
    void transportOpened() override
    {
        m_answered = true;
        armProbationFault();
        m_events->transportOpened();
    }
    void transportData(const QByteArray &bytes) override
    {
        m_events->transportData(bytes);
    }
    void transportClosed(TransportError error, const QString &reason) override
    {
        m_answered = true;
        m_failTimer.reset();
        m_events->transportClosed(error, reason);
    }
    void transportBytesWritten(qint64 bytes) override
    {
        m_events->transportBytesWritten(bytes);
    }
    void transportCertificateUntrusted(const QVariantMap &certificate) override
    {
        m_events->transportCertificateUntrusted(certificate);
    }

    void armProbationFault()
    {
#ifdef LONGLINK_FIXTURE_FAULT_PROBATION
        m_failTimer = std::make_unique<QTimer>();
        m_failTimer->setSingleShot(true);
        QObject::connect(m_failTimer.get(), &QTimer::timeout, &m_context, [this] {
            m_inner->abort();
            // The inner transport reports its own close later; ours comes first.
            m_events->transportClosed(TransportError::Internal, u"fixture fails on probation"_s);
            m_events = &m_silent;
        });
        m_failTimer->start(300);
#endif
    }

    // Swallows events after we reported our own failure.
    struct Silent final : longlink::sdk::TransportEvents
    {
        void transportOpened() override { }
        void transportData(const QByteArray &) override { }
        void transportClosed(TransportError, const QString &) override { }
        void transportBytesWritten(qint64) override { }
        void transportCertificateUntrusted(const QVariantMap &) override { }
    } m_silent;

    longlink::sdk::TransportEvents *m_events;
    bool m_answered = false; // the inner transport opened or closed
    QObject m_context;
    std::unique_ptr<QTimer> m_failTimer;
    std::unique_ptr<longlink::transports::TcpTransport> m_inner;
};

} // namespace

longlink::sdk::Transport *createFaultyTransport(longlink::sdk::TransportEvents *events)
{
#ifdef LONGLINK_FIXTURE_FAULT_CREATE
    Q_UNUSED(events);
    return nullptr;
#else
#ifdef LONGLINK_FIXTURE_FAULT_UNRESOLVED
    (void)longlink_fixture_touch;
#endif
    return new FaultyTransport(events);
#endif
}

} // namespace longlink::test
