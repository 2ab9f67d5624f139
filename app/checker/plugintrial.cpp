#include "plugintrial.h"

#include "loadedtransportplugin.h"
#include "privatecopyfolder.h"
#include "streamchecks.h"
#include "transportplugininfo.h"
#include "trialtransport.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QMetaType>

#include <cstdlib>
#include <cxxabi.h>

#ifdef Q_OS_UNIX
#include <dlfcn.h>
#endif

using namespace Qt::StringLiterals;

namespace longlink {

namespace {
constexpr int kUnloadWaitMs = 2000;
constexpr int kSymbolsShown = 3;

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
    // Custom types get consecutive ids from QMetaType::User on. Asked
    // first whether an id is taken: QMetaType(id) warns for one that is not.
    for (int id = QMetaType::User; misses < 64; ++id) {
        if (!QMetaType::isRegistered(id)) {
            ++misses;
            continue;
        }
        misses = 0;
        const QMetaType type(id);
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

QString demangled(const QString &symbol)
{
    int status = -1;
    char *name = abi::__cxa_demangle(symbol.toLatin1().constData(), nullptr, nullptr, &status);
    const QString result = status == 0 && name ? QString::fromLatin1(name) : symbol;
    std::free(name);
    return result.size() > 100 ? result.left(97) + u"..."_s : result;
}
} // namespace

PluginTrial::PluginTrial(const QString &file, QObject *parent) : QObject(parent), m_file(file) { }

PluginTrial::~PluginTrial()
{
    m_streams.reset();
    m_plugin.reset();
}

bool PluginTrial::run()
{
    if (!checkMetadata())
        return false;
    checkSymbols();
    // The test peer and Qt's own lazily made objects exist before the
    // baseline, so only what the plugin adds is counted.
    m_streams = std::make_unique<StreamChecks>(m_log, m_info);
    if (!m_streams->listen())
        return false;
    QCoreApplication::processEvents();
    m_threadsBefore = threadCount();
    m_timersBefore = pendingSingleShotTimers();
    m_appChildrenBefore = int(QCoreApplication::instance()->children().size());

    if (!checkLoad() || !m_streams->create(m_plugin->factory()))
        return false;
    m_streams->run();
    if (!checkUnload())
        return false;
    // What is left now would crash the idle: named first, then tried.
    if (!checkLeftovers())
        return false;
    checkIdle();
    return !m_log.failed();
}

bool PluginTrial::checkMetadata()
{
    m_log.begin(u"metadata"_s);
    // A private copy, as the host loads: what is checked is exactly what is
    // loaded, whatever happens to the file meanwhile.
    m_private = std::make_unique<PrivateCopyFolder>(u"check"_s);
    if (!m_private->isValid())
        return m_log.fail(m_private->errorString());
    m_info = TransportPluginInfo::inspect(m_file, m_private->path());
    const TransportPluginInfo &info = m_info;
    if (!info.isUsable())
        return m_log.fail(info.reason, TransportPluginInfo::problemName(info.problem));
    m_log.pass(tr("%1 %2, API %3, schemes %4%5")
                       .arg(info.name, info.version.toString(), info.apiVersion,
                               info.schemes.join(u", "_s),
                               info.handovers.isEmpty()
                                       ? QString()
                                       : tr(", handover %1").arg(info.handovers.join(u", "_s))));
    return true;
}

void PluginTrial::checkSymbols()
{
    m_log.begin(u"symbols"_s);
    QFile file(m_info.loadPath);
    if (!file.open(QIODevice::ReadOnly)) {
        m_log.fail(tr("cannot read %1: %2").arg(m_info.loadPath, file.errorString()));
        return;
    }
    int total = 0;
    const QStringList unique
            = TransportPluginInfo::uniqueSymbols(file.readAll(), kSymbolsShown, &total);
    if (total == 0) {
        m_log.pass(tr("no GNU unique symbols: the library can be unloaded"));
        return;
    }
    QStringList names;
    for (const QString &symbol : unique)
        names.append(demangled(symbol));
    m_log.fail(tr("%n GNU unique symbol(s) (%1%2): the dynamic linker can never unload this "
                  "library, so every version swapped in stays in memory; build with "
                  "CXX_VISIBILITY_PRESET hidden and VISIBILITY_INLINES_HIDDEN ON "
                  "(-fvisibility=hidden -fvisibility-inlines-hidden)",
            "", total)
                       .arg(names.join(u", "_s), total > unique.size() ? u", ..."_s : QString()));
}

bool PluginTrial::checkLoad()
{
    m_log.begin(u"load"_s);
    QString error;
    LoadedTransportPlugin::Hooks hooks;
    hooks.unloaded = [this](const TransportPluginInfo &) { m_unloaded = true; };
    m_plugin = LoadedTransportPlugin::load(m_info, &error, std::move(hooks));
    if (!m_plugin)
        return m_log.fail(tr("could not load: %1").arg(error), u"load-failed"_s);
    m_log.pass();
    return true;
}

bool PluginTrial::checkUnload()
{
    m_log.begin(u"unload"_s);
    m_streams->destroyTransports();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    m_pluginMetaTypes = metaTypesFrom(m_info.loadPath);
    m_plugin.reset(); // the unload is queued behind the plugin's deferred deletes
    if (!spinUntil([this] { return m_unloaded; }, kUnloadWaitMs))
        return m_log.fail(tr("the library was not unloaded within %1 ms").arg(kUnloadWaitMs));
    if (isMapped(m_info.loadPath)) {
        // A library with unique symbols stays mapped after dlclose(): then
        // nothing is unmapped under a leftover either, but memory grows
        // with every rebuild that is swapped in.
        m_log.warn(tr("the library stays mapped after its unload (it has unique "
                      "symbols, or was linked with -z nodelete)"));
    } else {
        m_log.pass();
    }
    return true;
}

bool PluginTrial::checkLeftovers()
{
    m_log.begin(u"leftovers"_s);
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
        return m_log.fail(tr("it left code running after its transports were destroyed and its "
                             "library unloaded: %1; they would run into unloaded code")
                                  .arg(found.join(u", "_s)));
    m_log.pass();
    return true;
}

void PluginTrial::checkIdle()
{
    m_log.begin(u"idle"_s);
    // A leftover not seen above that fires now calls unmapped code: the
    // process dies here, and the host blames this step.
    spinUntil([] { return false; }, m_idleMs);
    m_log.pass(tr("%1 ms after the unload").arg(m_idleMs));
}

} // namespace longlink
