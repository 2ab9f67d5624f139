#include "plugintrial.h"

#include "loadedtransportplugin.h"
#include "privatecopyfolder.h"
#include "transportplugininfo.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QMetaType>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtNetwork/QTcpSocket>

#ifdef Q_OS_UNIX
#include <dlfcn.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
constexpr int kOpenWaitMs = 3000;
constexpr int kCloseWaitMs = 2000;
constexpr int kUnloadWaitMs = 2000;
const QByteArray kProbe = "longlink transport check\n";

int threadCount()
{
    return int(QDir(u"/proc/self/task"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// QTimer::singleShot() with a functor parks its timer object under the
// event dispatcher until it fires: what is still there after the unload
// would call into unmapped code.
int pendingSingleShotTimers()
{
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    return dispatcher ? int(dispatcher->children().size()) : 0;
}

// Metatypes whose type information lives in the library at `path`. A
// registered type stays in Qt's registry for the life of the process, with
// pointers into the library that defined it.
QStringList metaTypesFrom(const QString &path)
{
    QStringList names;
#ifdef Q_OS_UNIX
    const QByteArray wanted = QFile::encodeName(QFileInfo(path).canonicalFilePath());
    int misses = 0;
    // Custom types get consecutive ids from QMetaType::User on.
    for (int id = QMetaType::User; misses < 64; ++id) {
        const QMetaType type(id);
        if (!type.isValid()) {
            ++misses;
            continue;
        }
        misses = 0;
        Dl_info where {};
        if (dladdr(type.iface(), &where) && where.dli_fname
                && QFile::encodeName(
                           QFileInfo(QFile::decodeName(where.dli_fname)).canonicalFilePath())
                        == wanted)
            names.append(QString::fromLatin1(type.name()));
    }
#else
    Q_UNUSED(path); // no dladdr(): the check runs on the platforms that have it
#endif
    return names;
}

bool isMapped(const QString &path)
{
    QFile maps(u"/proc/self/maps"_s);
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(QFile::encodeName(path));
}
} // namespace

// The host's side of a transport, as the contract describes it: counts the
// events and notes any that come from inside a host call.
class PluginTrial::Recorder final : public sdk::TransportEvents
{
public:
    void transportOpened() override
    {
        ++opened;
        noteInside("transportOpened");
    }
    void transportData(const QByteArray &bytes) override
    {
        received += bytes;
        noteInside("transportData");
    }
    void transportClosed(sdk::TransportError error, const QString &reason) override
    {
        ++closed;
        closeError = error;
        closeReason = reason;
        noteInside("transportClosed");
    }
    void transportBytesWritten(qint64 bytes) override
    {
        written += bytes;
        noteInside("transportBytesWritten");
    }
    void transportCertificateUntrusted(const QVariantMap &certificate) override
    {
        Q_UNUSED(certificate);
        ++certificateQuestions;
        noteInside("transportCertificateUntrusted");
    }

    void noteInside(const char *event)
    {
        if (!insideCall.isEmpty())
            inside.append(u"%1 from inside %2()"_s.arg(QLatin1StringView(event), insideCall));
    }

    int opened = 0;
    int closed = 0;
    sdk::TransportError closeError = sdk::TransportError::None;
    QString closeReason;
    QByteArray received;
    qint64 written = 0;
    int certificateQuestions = 0;
    QString insideCall;
    QStringList inside;
};

PluginTrial::PluginTrial(const QString &file, QObject *parent)
    : QObject(parent), m_file(file), m_recorder(std::make_unique<Recorder>())
{
}

PluginTrial::~PluginTrial()
{
    m_transport.reset();
    m_plugin.reset();
}

QString PluginTrial::failure() const
{
    for (const Check &check : m_checks) {
        if (check.result == Result::Fail)
            return check.detail;
    }
    return QString();
}

void PluginTrial::begin(const QString &name)
{
    m_checks.append({ name, Result::Running, QString() });
    if (m_reporter)
        m_reporter(m_checks.last());
}

void PluginTrial::end(Result result, const QString &detail)
{
    m_checks.last().result = result;
    m_checks.last().detail = detail;
    if (m_reporter)
        m_reporter(m_checks.last());
}

bool PluginTrial::fail(const QString &problem, const QString &detail)
{
    if (m_problem.isEmpty())
        m_problem = problem;
    end(Result::Fail, detail);
    return false;
}

bool PluginTrial::waitFor(const std::function<bool()> &done, int milliseconds)
{
    const QDeadlineTimer deadline(milliseconds);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QThread::msleep(1);
    }
    return true;
}

void PluginTrial::hostCall(const char *what, const std::function<void()> &call)
{
    m_recorder->insideCall = QLatin1StringView(what);
    call();
    m_recorder->insideCall.clear();
}

bool PluginTrial::run()
{
    if (!checkMetadata())
        return false;
    // The test peer and Qt's own lazily made objects exist before the
    // baseline, so only what the plugin adds is counted.
    if (!m_peer.listen(QHostAddress::LocalHost)) {
        begin(u"peer"_s);
        return fail(u"failed-check"_s,
                tr("cannot listen on 127.0.0.1 for the test peer: %1").arg(m_peer.errorString()));
    }
    connect(&m_peer, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_peer.nextPendingConnection()) {
            if (m_peerSocket) {
                socket->abort();
                continue;
            }
            m_peerSocket = socket;
            connect(socket, &QTcpSocket::readyRead, this,
                    [this, socket] { m_peerReceived += socket->readAll(); });
        }
    });
    QCoreApplication::processEvents();
    m_threadsBefore = threadCount();
    m_timersBefore = pendingSingleShotTimers();
    m_appChildrenBefore = int(QCoreApplication::instance()->children().size());

    if (!loadAndCreate())
        return false;
    openWriteClose();
    if (!destroyAndUnload())
        return false;
    return checkLeftovers();
}

bool PluginTrial::checkMetadata()
{
    begin(u"metadata"_s);
    // A private copy, as the host loads: what is checked is exactly what is
    // loaded, whatever happens to the file meanwhile.
    m_private = std::make_unique<PrivateCopyFolder>(u"check"_s);
    if (!m_private->isValid())
        return fail(u"failed-check"_s, m_private->errorString());
    m_info = TransportPluginInfo::inspect(m_file, m_private->path());
    const TransportPluginInfo &info = m_info;
    if (!info.isUsable()) {
        m_problem = TransportPluginInfo::problemName(info.problem);
        end(Result::Fail, info.reason);
        return false;
    }
    end(Result::Pass,
            tr("%1 %2, API %3, schemes %4")
                    .arg(info.name, info.version.toString(), info.apiVersion,
                            info.schemes.join(u", "_s)));
    return true;
}

bool PluginTrial::loadAndCreate()
{
    begin(u"load"_s);
    QString error;
    LoadedTransportPlugin::Hooks hooks;
    hooks.unloaded = [this](const TransportPluginInfo &) { m_unloaded = true; };
    m_plugin = LoadedTransportPlugin::load(m_info, &error, std::move(hooks));
    if (!m_plugin)
        return fail(u"load-failed"_s, tr("could not load: %1").arg(error));
    end(Result::Pass);

    begin(u"create"_s);
    hostCall("createTransport",
            [this] { m_transport.reset(m_plugin->factory()->createTransport(m_recorder.get())); });
    if (!m_transport)
        return fail(u"no-factory"_s, tr("the plugin created no transport"));
    end(Result::Pass);
    return true;
}

void PluginTrial::openWriteClose()
{
    // How the plugin answers an open against a plain TCP peer depends on
    // what it speaks (a TLS plugin fails its handshake), so an open that
    // fails is noted, not held against it; hanging or crashing is.
    begin(u"open"_s);
    QUrl endpoint;
    endpoint.setScheme(m_info.schemes.value(0));
    endpoint.setHost(u"127.0.0.1"_s);
    endpoint.setPort(m_peer.serverPort());
    const QVariantMap options { { u"connectTimeoutMs"_s, kOpenWaitMs - 500 } };
    hostCall("open", [&] { m_transport->open(endpoint, options); });
    const bool answered = waitFor(
            [this] { return m_recorder->opened > 0 || m_recorder->closed > 0; }, kOpenWaitMs);
    if (m_recorder->opened > 0)
        end(Result::Pass, tr("opened %1").arg(endpoint.toString()));
    else if (answered)
        end(Result::Warn,
                tr("could not open %1: %2").arg(endpoint.toString(), m_recorder->closeReason));
    else
        end(Result::Warn,
                tr("neither transportOpened nor transportClosed within %1 ms of open()")
                        .arg(kOpenWaitMs));

    if (m_recorder->opened > 0 && m_recorder->closed == 0) {
        begin(u"write"_s);
        bool accepted = false;
        hostCall("write", [&] { accepted = m_transport->write(kProbe); });
        if (!accepted)
            end(Result::Warn,
                    tr("write() refused %1 bytes on an open transport").arg(kProbe.size()));
        else if (waitFor([this] { return m_peerReceived.size() >= kProbe.size(); }, kCloseWaitMs))
            end(m_peerReceived.startsWith(kProbe) ? Result::Pass : Result::Warn,
                    tr("the peer received %1 bytes").arg(m_peerReceived.size()));
        else
            end(Result::Warn,
                    tr("the peer received %1 of %2 bytes")
                            .arg(m_peerReceived.size())
                            .arg(kProbe.size()));
    }

    begin(u"close"_s);
    const int closedBefore = m_recorder->closed;
    if (closedBefore == 0) {
        hostCall("close", [this] { m_transport->close(); });
        if (!waitFor([this] { return m_recorder->closed > 0; }, kCloseWaitMs)) {
            hostCall("abort", [this] { m_transport->abort(); });
            waitFor([this] { return m_recorder->closed > 0; }, kCloseWaitMs / 2);
        }
    }
    // Let a late, second transportClosed show itself.
    waitFor([] { return false; }, 100);
    if (m_recorder->closed == 1)
        end(Result::Pass);
    else
        end(Result::Warn,
                tr("transportClosed came %1 times; the contract is exactly once")
                        .arg(m_recorder->closed));

    if (!m_recorder->inside.isEmpty()) {
        begin(u"events"_s);
        end(Result::Warn,
                tr("events must be queued, not sent from inside a host call: %1")
                        .arg(m_recorder->inside.join(u"; "_s)));
    }
}

bool PluginTrial::destroyAndUnload()
{
    begin(u"unload"_s);
    m_transport.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_pluginMetaTypes = metaTypesFrom(m_info.loadPath);
    m_plugin.reset(); // the unload is queued behind the plugin's deferred deletes
    if (!waitFor([this] { return m_unloaded; }, kUnloadWaitMs))
        return fail(u"failed-check"_s,
                tr("the library was not unloaded within %1 ms").arg(kUnloadWaitMs));
    if (isMapped(m_info.loadPath)) {
        // A library with unique symbols stays mapped after dlclose(): then
        // nothing is unmapped under a leftover either, but memory grows
        // with every rebuild that is swapped in.
        end(Result::Warn,
                tr("the library stays mapped after its unload (it has unique "
                   "symbols, or was linked with -z nodelete)"));
    } else {
        end(Result::Pass);
    }
    return true;
}

bool PluginTrial::checkLeftovers()
{
    begin(u"idle"_s);
    // A leftover that fires now calls unmapped code: the process dies here,
    // and the host blames this step.
    waitFor([] { return false; }, m_idleMs);
    end(Result::Pass, tr("%1 ms after the unload").arg(m_idleMs));

    begin(u"leftovers"_s);
    QStringList found;
    const int timers = pendingSingleShotTimers() - m_timersBefore;
    if (timers > 0)
        found.append(tr("%n timer(s) still pending (a QTimer::singleShot whose context object "
                        "is not one of the transport's own)",
                "", timers));
    const int threads = threadCount() - m_threadsBefore;
    if (threads > 0)
        found.append(tr("%n thread(s) still running", "", threads));
    const int objects = int(QCoreApplication::instance()->children().size()) - m_appChildrenBefore;
    if (objects > 0)
        found.append(tr("%n object(s) left as children of the application", "", objects));
    if (!m_pluginMetaTypes.isEmpty())
        found.append(tr("metatypes registered with the plugin's own types (%1): use Qt's types "
                        "across queued signals")
                             .arg(m_pluginMetaTypes.join(u", "_s)));
    if (!found.isEmpty())
        return fail(u"failed-check"_s,
                tr("left behind after its transport was destroyed and its library unloaded: "
                   "%1; they would run into unloaded code")
                        .arg(found.join(u", "_s)));
    end(Result::Pass);
    return true;
}

} // namespace longlink
