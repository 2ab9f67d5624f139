#pragma once

#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace longlink {

// One step of the transport host, for the UI, the CLI and the log.
struct TransportEvent
{
    enum class Step {
        Discovered,
        Rejected,
        Loading,
        Opening,
        Resumed,
        Active,
        RolledBack,
        Unloaded
    };
    Step step = Step::Discovered;
    QString name;
    QString version;
    QString file;
    QString reason;

    static QString stepName(Step step);
};

} // namespace longlink

Q_DECLARE_METATYPE(longlink::TransportEvent)
