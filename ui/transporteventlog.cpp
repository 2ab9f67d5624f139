#include "transporteventlog.h"

#include "appearance.h"

#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtGui/QGuiApplication>

using namespace Qt::StringLiterals;

namespace longlink::ui {

TransportEventLog::TransportEventLog(QObject *parent) : QAbstractTableModel(parent) { }

QString TransportEventLog::stepText(TransportEvent::Step step)
{
    switch (step) {
    case TransportEvent::Step::Discovered:
        return tr("discovered");
    case TransportEvent::Step::Checking:
        return tr("checking");
    case TransportEvent::Step::Rejected:
        return tr("rejected");
    case TransportEvent::Step::Ignored:
        return tr("ignored");
    case TransportEvent::Step::Loading:
        return tr("loading");
    case TransportEvent::Step::Opening:
        return tr("opening");
    case TransportEvent::Step::Resumed:
        return tr("resumed");
    case TransportEvent::Step::Active:
        return tr("active");
    case TransportEvent::Step::RolledBack:
        return tr("rolled back");
    case TransportEvent::Step::Unloaded:
        return tr("unloaded");
    case TransportEvent::Step::Warning:
        return tr("warning");
    }
    return QString();
}

void TransportEventLog::add(const longlink::TransportEvent &event)
{
    Entry entry;
    entry.time = QDateTime::currentDateTime();
    entry.step = stepText(event.step);
    entry.plugin = event.name.isEmpty() ? QFileInfo(event.file).fileName()
            : event.version.isEmpty()   ? event.name
                                        : event.name + u' ' + event.version;
    entry.detail = event.reason.isEmpty() ? event.file : event.reason;
    entry.problem = event.step == TransportEvent::Step::Rejected
            || event.step == TransportEvent::Step::RolledBack
            || event.step == TransportEvent::Step::Warning;
    append(entry);
}

void TransportEventLog::addNote(const QString &step, const QString &plugin, const QString &detail)
{
    append({ QDateTime::currentDateTime(), step, plugin, detail, false });
}

void TransportEventLog::append(const Entry &entry)
{
    if (m_entries.size() >= kMaxEntries) {
        beginRemoveRows(QModelIndex(), 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows(QModelIndex(), row, row);
    m_entries.append(entry);
    endInsertRows();
}

int TransportEventLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TransportEventLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransportEventLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Entry &entry = m_entries[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn:
            return role == Qt::ToolTipRole ? QLocale().toString(entry.time, QLocale::LongFormat)
                                           : QLocale().toString(entry.time.time(), u"HH:mm:ss"_s);
        case StepColumn:
            return entry.step;
        case PluginColumn:
            return entry.plugin;
        case DetailColumn:
            return entry.detail;
        }
    }
    if (role == Qt::ForegroundRole && entry.problem && index.column() == StepColumn)
        return Appearance::errorColor(QGuiApplication::palette());
    return QVariant();
}

QVariant TransportEventLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case StepColumn:
        return tr("Event");
    case PluginColumn:
        return tr("Plugin");
    case DetailColumn:
        return tr("Details");
    }
    return QVariant();
}

} // namespace longlink::ui
