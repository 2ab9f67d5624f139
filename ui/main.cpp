#include "appcontroller.h"
#include "guioptions.h"
#include "logging.h"

#include <QtWidgets/QApplication>

#include <csignal>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // A file-size limit reached is a full disk to us: the write fails and
    // the message says "not saved", the app does not die.
    std::signal(SIGXFSZ, SIG_IGN);
    QApplication app(argc, argv);
    // The GUI and the CLI share one data folder (and so one client id and lock).
    QApplication::setOrganizationName(u"Longlink"_s);
    QApplication::setApplicationName(u"longlink"_s);
    QApplication::setApplicationDisplayName(u"Longlink"_s);
    QApplication::setApplicationVersion(QStringLiteral(LONGLINK_VERSION));
    QApplication::setDesktopFileName(u"org.longlink.Longlink"_s);
    longlink::applyLogLevelFromEnvironment();

    std::optional<int> exitNow;
    const longlink::ui::GuiOptions options
            = longlink::ui::GuiOptions::parse(QApplication::arguments(), &exitNow);
    if (exitNow)
        return *exitNow;

    longlink::ui::AppController controller(options);
    if (!controller.start())
        return controller.exitCode();
    return app.exec();
}
