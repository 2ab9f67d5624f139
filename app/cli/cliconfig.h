#pragma once

#include "chatclient.h"

#include <QtCore/QStringList>

namespace longlink::cli {

// The command line of longlink-cli, parsed. Exit codes are part of the
// contract scripts rely on.
struct CliConfig
{
    enum ExitCode {
        Ok = 0,
        Failure = 1,
        Usage = 2,
        Unreachable = 3,
        OutboxNotEmpty = 4,
        NotStored = 5, // some messages could not be stored; stderr names each
        Refused = 6, // the server refused some messages; stderr names each
    };

    ChatClient::Config chat;
    int connectTimeoutSeconds = 10;
    int drainTimeoutSeconds = 30;

    // Parses `arguments` (argv). On --help/--version prints and sets exitNow
    // with Ok; on bad usage prints the reason and sets exitNow with Usage.
    static CliConfig parse(const QStringList &arguments, std::optional<int> *exitNow);
};

} // namespace longlink::cli
