#pragma once

#include "transportevent.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QDateTime>

namespace longlink::ui {

// What the transport host did, newest last, for the transports panel:
// discovered, rejected (why), loading, active, swapped... Bounded.
class TransportEventLog : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, StepColumn, PluginColumn, DetailColumn, ColumnCount };
    static constexpr int kMaxEntries = 2000;

    explicit TransportEventLog(QObject *parent = nullptr);

    void add(const longlink::TransportEvent &event);
    // A line of our own (a swap, a choice made by hand).
    void addNote(const QString &step, const QString &plugin, const QString &detail);
    // The step, translated, for people.
    static QString stepText(TransportEvent::Step step);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Entry
    {
        QDateTime time;
        QString step;
        QString plugin;
        QString detail;
        bool problem = false;
    };
    void append(const Entry &entry);

    QList<Entry> m_entries;
};

} // namespace longlink::ui
