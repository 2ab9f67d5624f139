#include "memberlistmodel.h"

#include "appearance.h"
#include "icons.h"

#include <QtGui/QGuiApplication>
#include <QtGui/QPalette>

#include <algorithm>

namespace longlink::ui {

MemberListModel::MemberListModel(QObject *parent) : QAbstractListModel(parent) { }

void MemberListModel::setSelf(const QString &user)
{
    m_self = user;
    m_members.insert(user);
    resort();
}

void MemberListModel::setMembers(const QSet<QString> &members)
{
    m_members = members;
    if (!m_self.isEmpty())
        m_members.insert(m_self);
    resort();
}

void MemberListModel::addMember(const QString &user)
{
    if (m_members.contains(user))
        return;
    m_members.insert(user);
    resort();
}

void MemberListModel::setOnline(const QString &user, bool online)
{
    if (m_online.value(user) == online && m_online.contains(user))
        return;
    m_online.insert(user, online);
    if (m_members.contains(user))
        resort();
}

int MemberListModel::onlineCount() const
{
    return int(std::count_if(m_sorted.cbegin(), m_sorted.cend(),
            [this](const QString &user) { return m_online.value(user); }));
}

void MemberListModel::resort()
{
    QStringList sorted(m_members.cbegin(), m_members.cend());
    std::sort(sorted.begin(), sorted.end(), [this](const QString &a, const QString &b) {
        const bool onlineA = m_online.value(a), onlineB = m_online.value(b);
        if (onlineA != onlineB)
            return onlineA;
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    if (sorted == m_sorted) {
        if (!m_sorted.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_sorted.size()) - 1));
    } else {
        beginResetModel();
        m_sorted = sorted;
        endResetModel();
    }
    Q_EMIT onlineCountChanged(onlineCount());
}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sorted.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const QString &user = m_sorted[index.row()];
    const bool online = m_online.value(user);
    switch (role) {
    case Qt::DisplayRole:
        return user == m_self ? tr("%1 (you)").arg(user) : user;
    case Qt::DecorationRole: {
        const QPalette palette = QGuiApplication::palette();
        return icons::dot(online ? Appearance::okColor(palette)
                                 : palette.color(QPalette::Disabled, QPalette::WindowText));
    }
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
        return online ? tr("%1, online").arg(user) : tr("%1, offline").arg(user);
    case NameRole:
        return user;
    case OnlineRole:
        return online;
    case SelfRole:
        return user == m_self;
    default:
        return QVariant();
    }
}

} // namespace longlink::ui
