#include "cliapp.h"
#include "cliconfig.h"
#include "logging.h"
#include "unixsignalwatcher.h"

#include <QtCore/QCoreApplication>

#include <csignal>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // A reader that goes away must not kill us mid-write; stdout errors are
    // handled where they happen.
    std::signal(SIGPIPE, SIG_IGN);
    // A file-size limit reached is a full disk to us: the write fails and
    // is reported, the process does not die.
    std::signal(SIGXFSZ, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Longlink"_s);
    // The GUI and the CLI share one data folder (and so one client id and lock).
    QCoreApplication::setApplicationName(u"longlink"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(LONGLINK_VERSION));
    longlink::applyLogLevelFromEnvironment();

    std::optional<int> exitNow;
    const longlink::cli::CliConfig config
            = longlink::cli::CliConfig::parse(QCoreApplication::arguments(), &exitNow);
    if (exitNow)
        return *exitNow;

    longlink::cli::CliApp cli(config);
    QObject::connect(
            &cli, &longlink::cli::CliApp::exitRequested, &app,
            [](int code) { QCoreApplication::exit(code); }, Qt::QueuedConnection);
    // Ctrl+C or a service manager's stop: leave through the normal path.
    longlink::cli::UnixSignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &longlink::cli::UnixSignalWatcher::terminationRequested, &app,
            [](int signalNumber) { QCoreApplication::exit(128 + signalNumber); });
    if (!cli.start())
        return longlink::cli::CliConfig::Failure;
    return app.exec();
}
