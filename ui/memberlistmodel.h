#pragma once

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QSet>

namespace longlink::ui {

// Who is in the current room and who of them is online. MQTT has no room
// membership: the members are the people seen writing in the room (and
// you); presence comes from their retained presence topic. Online first.
class MemberListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { NameRole = Qt::UserRole + 1, OnlineRole, SelfRole };
    Q_ENUM(Role)

    explicit MemberListModel(QObject *parent = nullptr);

    void setSelf(const QString &user);
    void setMembers(const QSet<QString> &members);
    void addMember(const QString &user);
    void setOnline(const QString &user, bool online);
    bool isOnline(const QString &user) const { return m_online.value(user); }
    int onlineCount() const;
    QStringList members() const { return m_sorted; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void onlineCountChanged(int count);

private:
    void resort();

    QString m_self;
    QSet<QString> m_members;
    QHash<QString, bool> m_online; // for everyone, members or not
    QStringList m_sorted;
};

} // namespace longlink::ui
