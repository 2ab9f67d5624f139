#include "boundedidset.h"

namespace longlink {

bool BoundedIdSet::insert(const QString &id)
{
    if (m_ids.contains(id))
        return false;
    m_ids.insert(id);
    m_order.push_back(id);
    while (qsizetype(m_order.size()) > m_capacity) {
        m_ids.remove(m_order.front());
        m_order.pop_front();
    }
    return true;
}

} // namespace longlink
