#include "transportpluginmodel.h"

#include "appearance.h"
#include "chatclient.h"
#include "icons.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QGuiApplication>

using namespace Qt::StringLiterals;

namespace longlink::ui {

TransportPluginModel::TransportPluginModel(ChatClient *client, QObject *parent)
    : QAbstractTableModel(parent), m_client(client)
{
    // Verdicts (a rollback rejects), the active one and files coming and
    // going all arrive as this one signal.
    connect(m_client, &ChatClient::transportPluginsChanged, this, &TransportPluginModel::reload);
    reload();
}

void TransportPluginModel::reload()
{
    beginResetModel();
    m_plugins = m_client->transportPlugins();
    // Active first, then by name and newest version: what a person looks for.
    std::stable_sort(m_plugins.begin(), m_plugins.end(),
            [](const TransportPluginInfo &a, const TransportPluginInfo &b) {
                const bool activeA = a.state == TransportPluginInfo::State::Active;
                const bool activeB = b.state == TransportPluginInfo::State::Active;
                if (activeA != activeB)
                    return activeA;
                if (a.name != b.name)
                    return a.name < b.name;
                return a.version > b.version;
            });
    endResetModel();
}

int TransportPluginModel::rowOfFile(const QString &file) const
{
    const QString wanted = QFileInfo(file).absoluteFilePath();
    for (int row = 0; row < m_plugins.size(); ++row) {
        if (m_plugins[row].file == wanted)
            return row;
    }
    return -1;
}

QString TransportPluginModel::pinText(const QString &pin)
{
    const qsizetype at = pin.lastIndexOf(u'@');
    return at > 0 ? pin.left(at) + u' ' + pin.mid(at + 1) : pin;
}

QString TransportPluginModel::stateText(TransportPluginInfo::State state)
{
    switch (state) {
    case TransportPluginInfo::State::Active:
        return tr("active");
    case TransportPluginInfo::State::Available:
        return tr("available");
    case TransportPluginInfo::State::Rejected:
        return tr("rejected");
    case TransportPluginInfo::State::Quarantined:
        return tr("quarantined");
    case TransportPluginInfo::State::Checking:
        return tr("checking");
    }
    return QString();
}

int TransportPluginModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plugins.size());
}

int TransportPluginModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransportPluginModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const TransportPluginInfo &info = m_plugins[index.row()];
    const bool problem = info.state == TransportPluginInfo::State::Rejected
            || info.state == TransportPluginInfo::State::Quarantined;
    const QPalette palette = QGuiApplication::palette();
    switch (role) {
    case StateRole:
        return int(info.state);
    case ReasonRole:
        return info.reason;
    case FileRole:
        return info.file;
    case Qt::ToolTipRole: {
        QString tip = info.file;
        if (!info.description.isEmpty())
            tip += u'\n' + info.description;
        if (!info.vendor.isEmpty())
            tip += u'\n' + tr("Vendor: %1").arg(info.vendor);
        if (!info.hash.isEmpty())
            tip += u'\n' + tr("SHA-256: %1").arg(info.hash);
        if (problem)
            tip += u'\n' + info.reason;
        return tip;
    }
    case Qt::DecorationRole:
        if (index.column() != StateColumn)
            return QVariant();
        if (info.state == TransportPluginInfo::State::Active)
            return icons::dot(Appearance::okColor(palette));
        if (problem)
            return icons::dot(Appearance::errorColor(palette));
        return icons::dot(palette.color(QPalette::Disabled, QPalette::WindowText));
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && problem)
            return Appearance::errorColor(palette);
        return QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return info.name.isEmpty() ? QFileInfo(info.file).fileName() : info.name;
        case VersionColumn:
            return info.version.isNull() ? u"—"_s : info.version.toString();
        case SchemesColumn:
            return info.schemes.join(u", "_s);
        case StateColumn:
            return problem ? tr("%1: %2").arg(stateText(info.state), info.reason)
                           : stateText(info.state);
        case FileColumn: {
            // The file's name first: two builds of one version in one
            // folder differ by it, and the middle of a long path elides.
            const QFileInfo file(info.file);
            return tr("%1 in %2")
                    .arg(file.fileName(), QDir::toNativeSeparators(file.absolutePath()));
        }
        case HashColumn:
            return info.shortHash();
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant TransportPluginModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Name");
    case VersionColumn:
        return tr("Version");
    case SchemesColumn:
        return tr("Schemes");
    case StateColumn:
        return tr("State");
    case FileColumn:
        return tr("File");
    case HashColumn:
        return tr("Hash");
    }
    return QVariant();
}

} // namespace longlink::ui
