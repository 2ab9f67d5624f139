#pragma once

#include "chatclient.h"
#include "settings.h"

#include <QtCore/QStringList>

#include <optional>

namespace longlink::ui {

// The command line of `longlink`: the CLI's account and connection options
// (the same AccountOptions parser), so scripts can start the GUI on an
// account, plus a few for the GUI itself.
struct GuiOptions
{
    enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

    std::optional<QUrl> server;
    QString user;
    std::optional<QByteArray> password; // from --password-file
    QStringList rooms;
    QStringList transportFolders;
    QString dataDir;
    // Everything else of the account and connection options (QoS, prefix,
    // timeouts, keep-alive, limits): parsed by the CLI's own AccountOptions.
    ChatClient::Config connection;
    std::optional<QString> language; // overrides the setting for this run
    std::optional<Settings::Theme> theme;
    QString screenshotPrefix; // hidden: grab the windows into <prefix>-*.png and quit

    // Enough was given to connect without the dialog.
    bool connectsDirectly() const { return !user.isEmpty(); }

    // Parses argv. On --help/--version prints and sets exitNow to Ok; on bad
    // usage prints the reason and sets exitNow to Usage.
    static GuiOptions parse(const QStringList &arguments, std::optional<int> *exitNow);
};

} // namespace longlink::ui
