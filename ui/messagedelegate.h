#pragma once

#include <QtCore/QCache>
#include <QtWidgets/QStyledItemDelegate>

#include <memory>

class QTextDocument;

namespace longlink::ui {

// Draws one message as a bubble: sender (first of a group), text with
// clickable links, time, and on own messages (right, tinted) the delivery
// state: sending, sent, or failed with a retry. A day separator goes above
// the first message of each day. Laid-out texts are cached per width.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum class HitKind { None, Link, Retry, Quote, Bubble };
    struct Hit
    {
        HitKind kind = HitKind::None;
        QString href;
    };

    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
            const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // What is under `pos` (viewport coordinates) in the item at `itemRect`.
    Hit hitTest(
            const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const;
    // Palette or font changed: lay out again.
    void clearCache();
    // Marks every occurrence of `text` (case-insensitive) in the messages:
    // what a search looks for. Empty: none.
    void setHighlight(const QString &text);
    QString highlight() const { return m_highlight; }

    // Plain text to the HTML shown: escaped, with links made clickable.
    static QString toHtml(const QString &text);
    // "Today", "Yesterday" or the date, in the current locale.
    static QString dayText(const QDate &date);

private:
    struct Layout;
    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    std::shared_ptr<QTextDocument> document(const QString &key, const QString &text,
            const QFont &font, qreal width, const QPalette &palette) const;

    mutable QCache<QString, std::shared_ptr<QTextDocument>> m_documents;
    QString m_highlight;
};

} // namespace longlink::ui
