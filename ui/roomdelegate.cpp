#include "roomdelegate.h"

#include "appearance.h"
#include "roomlistmodel.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtGui/QPainter>
#include <QtWidgets/QApplication>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.85 : 8);
    return small;
}

// "14:05" today, else the date, short.
QString whenText(qint64 ms)
{
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms);
    return when.date() == QDate::currentDate()
            ? QLocale().toString(when.time(), QLocale::ShortFormat)
            : QLocale().toString(when.date(), QLocale::ShortFormat);
}
} // namespace

QSize RoomDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    // The name, and under it the last message.
    const QFontMetrics fm(option.font);
    const QFontMetrics small(smallFont(option.font));
    return QSize(160, fm.height() + small.height() + 14);
}

void RoomDelegate::paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const int unread = index.data(RoomListModel::UnreadRole).toInt();
    const bool muted = index.data(RoomListModel::MutedRole).toBool();
    const QFont smallBase = smallFont(option.font);
    const QFontMetrics smallMetrics(smallBase);
    const QRect inner = option.rect.adjusted(12, 6, -10, -6);
    QRect rect(inner.left(), inner.top(), inner.width(), inner.height() - smallMetrics.height());
    QRect previewRect(inner.left(), rect.bottom() + 1, inner.width(), smallMetrics.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    if (unread > 0 && !muted)
        font.setWeight(QFont::DemiBold);
    painter->setFont(font);
    const QFontMetrics fm(font);

    if (unread > 0) {
        const QString count = unread > 999 ? u"999+"_s : QString::number(unread);
        QFont small = option.font;
        small.setPointSizeF(option.font.pointSizeF() * 0.85);
        small.setWeight(QFont::DemiBold);
        const QFontMetrics sfm(small);
        const int h = sfm.height() + 2;
        const int w = std::max(h, sfm.horizontalAdvance(count) + 10);
        const QRect badge(previewRect.right() - w, previewRect.center().y() - h / 2 + 1, w, h);
        const QColor fill = muted ? palette.color(QPalette::Disabled, QPalette::WindowText)
                                  : palette.color(QPalette::Highlight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? palette.color(QPalette::HighlightedText) : fill);
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setFont(small);
        painter->setPen(selected ? palette.color(QPalette::Highlight)
                                 : palette.color(QPalette::HighlightedText));
        painter->drawText(badge, Qt::AlignCenter, count);
        painter->setFont(font);
        previewRect.setRight(badge.left() - 6);
    }
    const QColor quiet = selected ? text : palette.color(QPalette::PlaceholderText);
    if (const qint64 when = index.data(RoomListModel::LastActivityRole).toLongLong(); when > 0) {
        const QString time = whenText(when);
        painter->setFont(smallBase);
        painter->setPen(quiet);
        const int width = smallMetrics.horizontalAdvance(time);
        painter->drawText(QRect(rect.right() - width, rect.top(), width, rect.height()),
                Qt::AlignRight | Qt::AlignVCenter, time);
        rect.setRight(rect.right() - width - 6);
        painter->setFont(font);
    }
    if (const QString last = index.data(RoomListModel::LastTextRole).toString(); !last.isEmpty()) {
        painter->setFont(smallBase);
        painter->setPen(quiet);
        painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                smallMetrics.elidedText(last, Qt::ElideRight, previewRect.width()));
        painter->setFont(font);
    }
    if (muted) {
        // A small crossed bell would need an icon; a dimmed name says it well.
        painter->setPen(selected ? text : palette.color(QPalette::Disabled, QPalette::Text));
    } else {
        painter->setPen(text);
    }
    const QString name = u"# "_s + index.data(RoomListModel::NameRole).toString();
    painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
            fm.elidedText(name, Qt::ElideRight, rect.width()));
    // Where the keyboard is: a ring inside the row (the style draws none
    // for a custom row), in the text colour so it shows on the selection.
    if (option.state & QStyle::State_HasFocus) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(selected ? text : palette.color(QPalette::Highlight), 2));
        painter->drawRoundedRect(QRectF(option.rect).adjusted(2, 2, -2, -2), 4, 4);
    }
    painter->restore();
}

} // namespace longlink::ui
