#include "storedpluginverdicts.h"

#include "chatstore.h"
#include "enumnames.h"

using namespace Qt::StringLiterals;

namespace longlink {

using State = TransportPluginInfo::State;
using Problem = TransportPluginInfo::Problem;

QList<PluginVerdict> StoredPluginVerdicts::verdicts()
{
    QList<PluginVerdict> result;
    for (const ChatStore::PluginVerdictRow &row : m_store->pluginVerdicts()) {
        PluginVerdict verdict;
        verdict.hash = row.hash;
        verdict.file = row.file;
        verdict.state = enumFromName<State>(row.verdict).value_or(State::Rejected);
        if (verdict.state != State::Quarantined)
            verdict.state = State::Rejected; // only bad verdicts are kept
        verdict.problem
                = enumFromName<Problem>(row.problem)
                          .value_or(verdict.state == State::Quarantined ? Problem::Crashed
                                                                        : Problem::LoadFailed);
        verdict.reason = row.reason;
        result.append(verdict);
    }
    return result;
}

void StoredPluginVerdicts::saveVerdict(const PluginVerdict &verdict)
{
    m_store->setPluginVerdict({ verdict.hash, verdict.file, enumName(verdict.state),
            enumName(verdict.problem), verdict.reason });
}

bool StoredPluginVerdicts::isProven(const QString &hash)
{
    return m_store->value(u"transport.good."_s + hash) == u"1"_s;
}

void StoredPluginVerdicts::markProven(const QString &hash)
{
    m_store->setValue(u"transport.good."_s + hash, u"1"_s);
}

bool StoredPluginVerdicts::isChecked(const QString &hash)
{
    return m_store->value(u"transport.checked."_s + hash) == u"1"_s;
}

void StoredPluginVerdicts::markChecked(const QString &hash)
{
    m_store->setValue(u"transport.checked."_s + hash, u"1"_s);
}

} // namespace longlink
