#pragma once

#include "transportplugininfo.h"

#include <QtCore/QList>
#include <QtCore/QString>

namespace longlink {

// A verdict on one plugin file's content, kept across runs: a rejection
// read back after a restart still says what was wrong and why.
struct PluginVerdict
{
    QString hash; // SHA-256 of the content
    QString file;
    TransportPluginInfo::State state = TransportPluginInfo::State::Rejected;
    TransportPluginInfo::Problem problem = TransportPluginInfo::Problem::None;
    QString reason;
};

// Where the hot-swap controller keeps verdicts and which plugin builds have
// proven themselves. The chat layer implements it over the store.
class PluginVerdictStore
{
public:
    virtual ~PluginVerdictStore() = default;

    virtual QList<PluginVerdict> verdicts() = 0;
    virtual void saveVerdict(const PluginVerdict &verdict) = 0;
    // A build that carried a session through its probation.
    virtual bool isProven(const QString &hash) = 0;
    virtual void markProven(const QString &hash) = 0;
    // Content that passed its check in a separate process.
    virtual bool isChecked(const QString &hash) = 0;
    virtual void markChecked(const QString &hash) = 0;
};

} // namespace longlink
