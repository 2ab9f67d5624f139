#pragma once

#include "transportplugininfo.h"

#include <QtCore/QAbstractTableModel>

namespace longlink {
class ChatClient;
}

namespace longlink::ui {

// Every plugin file the client's transport host knows, with its verdict,
// one row each; follows the client as plugins come, go or get a verdict.
class TransportPluginModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        VersionColumn,
        SchemesColumn,
        StateColumn,
        FileColumn,
        HashColumn,
        ColumnCount
    };
    enum Role { StateRole = Qt::UserRole + 1, ReasonRole, FileRole };

    explicit TransportPluginModel(ChatClient *client, QObject *parent = nullptr);

    void reload();
    TransportPluginInfo info(int row) const { return m_plugins.value(row); }
    int rowOfFile(const QString &file) const;
    static QString stateText(TransportPluginInfo::State state);
    // "tcp 1.0.0" for the pin "tcp@1.0.0" (ChatClient::pinnedTransport()).
    static QString pinText(const QString &pin);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    ChatClient *m_client;
    QList<TransportPluginInfo> m_plugins;
};

} // namespace longlink::ui
