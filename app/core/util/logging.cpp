#include "logging.h"

namespace longlink {
Q_LOGGING_CATEGORY(lcSession, "longlink.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHost, "longlink.host", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "longlink.chat", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "longlink.store", QtInfoMsg)

void applyLogLevelFromEnvironment()
{
    const QByteArray level = qgetenv("LONGLINK_LOG").toLower();
    if (level.isEmpty())
        return;
    QByteArray rules;
    if (level == "debug")
        rules = "longlink.*=true";
    else if (level == "info")
        rules = "longlink.*.debug=false";
    else if (level == "warning")
        rules = "longlink.*.debug=false\nlonglink.*.info=false";
    else if (level == "quiet")
        rules = "longlink.*=false";
    if (!rules.isEmpty())
        QLoggingCategory::setFilterRules(QString::fromLatin1(rules));
}
} // namespace longlink
