#pragma once

#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QString>

namespace longlink {

// One step of the transport host, for the UI, the CLI and the log.
struct TransportEvent
{
    Q_GADGET

public:
    enum class Step {
        Discovered,
        Checking, // being tried in a separate process before it is loaded here
        Rejected,
        Ignored, // fine, but serves no scheme the server needs
        Loading,
        Opening,
        Resumed,
        Active,
        RolledBack,
        Unloaded,
        Warning, // a loaded plugin broke a rule of the contract; the host worked round it
    };
    Q_ENUM(Step)
    Step step = Step::Discovered;
    QString name;
    QString version;
    QString file;
    QString reason;

    // "rolled-back": for the CLI and logs.
    static QString stepName(Step step);
};

} // namespace longlink

Q_DECLARE_METATYPE(longlink::TransportEvent)
