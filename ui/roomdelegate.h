#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace longlink::ui {

// A room in the list: "# name" and, when something is unread, a badge with
// the count (grey when the room is muted).
class RoomDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
            const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace longlink::ui
