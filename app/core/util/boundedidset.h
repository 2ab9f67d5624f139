#pragma once

#include <QtCore/QSet>
#include <QtCore/QString>

#include <deque>

namespace longlink {

// A set of ids that keeps only the newest `capacity`: memory stays the same
// however long the app runs. For short-lived questions ("did we just send
// this?"); the store answers the long-lived ones.
class BoundedIdSet
{
public:
    explicit BoundedIdSet(qsizetype capacity) : m_capacity(capacity) { }

    // False when it was there already.
    bool insert(const QString &id);
    bool contains(const QString &id) const { return m_ids.contains(id); }
    qsizetype size() const { return m_ids.size(); }
    qsizetype capacity() const { return m_capacity; }

private:
    qsizetype m_capacity;
    QSet<QString> m_ids;
    std::deque<QString> m_order; // oldest first
};

} // namespace longlink
