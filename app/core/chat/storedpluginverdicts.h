#pragma once

#include "pluginverdictstore.h"

namespace longlink {

class ChatStore;

// Plugin verdicts kept in the chat store (its plugins table and meta keys).
class StoredPluginVerdicts : public PluginVerdictStore
{
public:
    explicit StoredPluginVerdicts(ChatStore *store) : m_store(store) { }

    QList<PluginVerdict> verdicts() override;
    void saveVerdict(const PluginVerdict &verdict) override;
    bool isProven(const QString &hash) override;
    void markProven(const QString &hash) override;
    bool isChecked(const QString &hash) override;
    void markChecked(const QString &hash) override;

private:
    ChatStore *m_store;
};

} // namespace longlink
