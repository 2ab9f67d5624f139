#pragma once

#include <QtCore/QLoggingCategory>

namespace longlink {
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcHost)
Q_DECLARE_LOGGING_CATEGORY(lcChat)
Q_DECLARE_LOGGING_CATEGORY(lcStore)

// Applies LONGLINK_LOG (debug|info|warning) to our categories.
void applyLogLevelFromEnvironment();
} // namespace longlink
