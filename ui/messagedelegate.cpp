#include "messagedelegate.h"

#include "appearance.h"
#include "mentions.h"
#include "messagemodel.h"
#include "storedmessage.h"

#include <QtCore/QDateTime>
#include <QtCore/QRegularExpression>
#include <QtGui/QAbstractTextDocumentLayout>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtGui/QTextCursor>
#include <QtGui/QTextDocument>
#include <QtWidgets/QAbstractItemView>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
constexpr int kSideMargin = 14;
constexpr int kPadX = 10;
constexpr int kPadY = 6;
constexpr int kGroupGap = 2;
constexpr int kMessageGap = 8;
constexpr int kRadius = 10;
constexpr int kMaxBubbleWidth = 680;
// Laid-out texts kept: a few screens more than the rows a room keeps while
// following the newest messages (MessageView). Each is 5-10 KB; 4,000 of
// them were most of the desktop client's memory after a busy hour.
constexpr int kDocumentCacheCost = 1200;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
            a.greenF() + (b.greenF() - a.greenF()) * t, a.blueF() + (b.blueF() - a.blueF()) * t);
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.85 : 8);
    return small;
}

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setWeight(QFont::DemiBold);
    return bold;
}

int viewportWidth(const QStyleOptionViewItem &option)
{
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width() > 0 ? option.rect.width() : 600;
}

QString timeText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QLocale::ShortFormat);
}

QString deliveryText(StoredMessage::Delivery delivery)
{
    switch (delivery) {
    case StoredMessage::Delivery::Sending:
        return MessageDelegate::tr("sending");
    case StoredMessage::Delivery::Queued:
        return MessageDelegate::tr("queued");
    case StoredMessage::Delivery::NotStored:
        return MessageDelegate::tr("not saved · sending");
    case StoredMessage::Delivery::Sent:
        return MessageDelegate::tr("sent");
    case StoredMessage::Delivery::Failed:
        return MessageDelegate::tr("not sent · retry");
    case StoredMessage::Delivery::Received:
        break;
    }
    return QString();
}

QString deletedText()
{
    return MessageDelegate::tr("This message was deleted");
}

// The first line of a quoted message, as one line.
QString quoteLine(const QModelIndex &index)
{
    if (index.data(MessageModel::QuotedDeletedRole).toBool())
        return deletedText();
    if (index.data(MessageModel::QuotedRowIdRole).toLongLong() <= 0
            && index.data(MessageModel::QuotedSenderRole).toString().isEmpty())
        return MessageDelegate::tr("A message not in this history");
    return index.data(MessageModel::QuotedTextRole).toString().simplified();
}
} // namespace

struct MessageDelegate::Layout
{
    int height = 0;
    bool own = false;
    bool dayStart = false;
    bool continuation = false;
    QRect separator;
    QRect unreadLine; // "New messages" above the first unread one
    QRect bubble;
    QRect header;
    QRect quote; // the message it answers, a click jumps there
    QPoint textOrigin;
    QRect footer;
    QRect retry;
    std::shared_ptr<QTextDocument> doc;
};

MessageDelegate::MessageDelegate(QObject *parent) : QStyledItemDelegate(parent)
{
    m_documents.setMaxCost(kDocumentCacheCost);
}

MessageDelegate::~MessageDelegate() = default;

void MessageDelegate::clearCache()
{
    m_documents.clear();
}

void MessageDelegate::setHighlight(const QString &text)
{
    m_highlight = text; // part of each document's key: laid out anew
}

namespace {
// Escaped, with every @mention in bold.
QString escapedWithMentions(QStringView text)
{
    QString html;
    qsizetype done = 0;
    for (const Mentions::Span &mention : Mentions::find(text)) {
        html += text.sliced(done, mention.start - done).toString().toHtmlEscaped();
        html += u"<b>"_s + text.sliced(mention.start, mention.length).toString().toHtmlEscaped()
                + u"</b>"_s;
        done = mention.start + mention.length;
    }
    html += text.sliced(done).toString().toHtmlEscaped();
    return html;
}
} // namespace

QString MessageDelegate::toHtml(const QString &text)
{
    static const QRegularExpression link(u"\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"]+"_s,
            QRegularExpression::CaseInsensitiveOption);
    QString html = u"<p style=\"white-space: pre-wrap; margin: 0\">"_s;
    qsizetype done = 0;
    auto it = link.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString url = match.captured();
        // Sentence punctuation right after a link is not part of it.
        while (!url.isEmpty() && QStringView(u".,;:!?)]'").contains(url.back()))
            url.chop(1);
        html += escapedWithMentions(QStringView(text).sliced(done, match.capturedStart() - done));
        const QString href
                = url.startsWith(u"www."_s, Qt::CaseInsensitive) ? u"http://"_s + url : url;
        html += u"<a href=\""_s + href.toHtmlEscaped() + u"\">"_s + url.toHtmlEscaped() + u"</a>"_s;
        done = match.capturedStart() + url.size();
    }
    html += escapedWithMentions(QStringView(text).sliced(done));
    html += u"</p>"_s;
    return html;
}

QString MessageDelegate::dayText(const QDate &date)
{
    const QDate today = QDate::currentDate();
    if (date == today)
        return tr("Today");
    if (date == today.addDays(-1))
        return tr("Yesterday");
    return QLocale().toString(date, QLocale::LongFormat);
}

std::shared_ptr<QTextDocument> MessageDelegate::document(const QString &textKey,
        const QString &text, const QFont &font, qreal width, const QPalette &palette) const
{
    const bool marks = !m_highlight.isEmpty() && text.contains(m_highlight, Qt::CaseInsensitive);
    const QString key = textKey + u'|' + QString::number(int(width)) + u'|' + font.key() + u'|'
            + palette.color(QPalette::Link).name() + (marks ? u"|h:"_s + m_highlight : QString());
    if (auto *cached = m_documents.object(key))
        return *cached;
    auto doc = std::make_shared<QTextDocument>();
    doc->setDocumentMargin(0);
    doc->setDefaultFont(font);
    doc->setDefaultStyleSheet(u"a { color: %1; text-decoration: underline; }"_s.arg(
            palette.color(QPalette::Link).name()));
    if (text.contains(u"://"_s) || text.contains(u"www."_s, Qt::CaseInsensitive)
            || text.contains(u'\n') || text.contains(u"  "_s) || text.contains(u'@'))
        doc->setHtml(toHtml(text));
    else
        doc->setPlainText(text); // the common case, cheaper than HTML
    if (marks) {
        QTextCharFormat mark;
        mark.setBackground(mix(palette.color(QPalette::Base), QColor(255, 200, 0), 0.55));
        mark.setForeground(palette.color(QPalette::Text));
        for (QTextCursor at = doc->find(m_highlight); !at.isNull(); at = doc->find(m_highlight, at))
            at.mergeCharFormat(mark);
    }
    doc->setTextWidth(width);
    const qreal ideal = doc->idealWidth();
    if (ideal < width)
        doc->setTextWidth(std::ceil(ideal) + 1);
    m_documents.insert(key, new std::shared_ptr<QTextDocument>(doc), 1);
    return doc;
}

MessageDelegate::Layout MessageDelegate::layout(
        const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Layout l;
    l.own = index.data(MessageModel::OwnRole).toBool();
    l.dayStart = index.data(MessageModel::DayStartRole).toBool();
    l.continuation = index.data(MessageModel::ContinuationRole).toBool();
    const int width = viewportWidth(option);
    const QFontMetrics fm(option.font);
    const QFontMetrics small(smallFont(option.font));
    const QFontMetrics bold(boldFont(option.font));
    const int top = option.rect.top();

    int y = top + (l.continuation ? kGroupGap : kMessageGap);
    if (l.dayStart) {
        l.separator = QRect(0, y, width, small.height() + 12);
        y += l.separator.height() + 4;
    }
    if (index.data(MessageModel::FirstUnreadRole).toBool()) {
        l.unreadLine = QRect(0, y, width, small.height() + 10);
        y += l.unreadLine.height() + 4;
    }
    const int maxBubble
            = std::max(120, std::min(kMaxBubbleWidth, int(width * 0.78)) - 2 * kSideMargin);
    // An edited or deleted message is laid out anew: its text changed.
    const bool deleted = index.data(MessageModel::DeletedRole).toBool();
    const bool edited = index.data(MessageModel::EditedRole).toBool();
    QFont textFont = option.font;
    textFont.setItalic(deleted);
    l.doc = document(index.data(MessageModel::IdRole).toString()
                    + (deleted               ? u"|deleted"_s
                                    : edited ? u"|edited|"_s
                                            + QString::number(qHash(
                                                    index.data(MessageModel::TextRole).toString()))
                                             : QString()),
            deleted ? deletedText() : index.data(MessageModel::TextRole).toString(), textFont,
            maxBubble - 2 * kPadX, option.palette);
    const QSizeF textSize = l.doc->size();
    const bool showSender = !l.own && !l.continuation;
    const QString sender = index.data(MessageModel::SenderRole).toString();
    const int headerHeight = showSender ? bold.height() : 0;
    const bool quotes = !index.data(MessageModel::ReplyToRole).toString().isEmpty();
    const int quoteHeight = quotes ? 2 * small.height() + 8 : 0;
    const QString quoteSender = index.data(MessageModel::QuotedSenderRole).toString();
    const int quoteWidth = quotes ? 18 // the bar and the padding around the lines
                    + std::max(QFontMetrics(boldFont(smallFont(option.font)))
                                       .horizontalAdvance(quoteSender),
                            std::min(small.horizontalAdvance(quoteLine(index)), 320))
                                  : 0;
    const QString footerText = timeText(index.data(MessageModel::TimestampRole).toLongLong())
            + (edited && !deleted ? u"  "_s + tr("edited") : QString())
            + (l.own ? u"  "_s
                                    + deliveryText(StoredMessage::Delivery(
                                            index.data(MessageModel::DeliveryRole).toInt()))
                     : QString());
    const int footerWidth = small.horizontalAdvance(footerText) + (l.own ? 14 : 0);
    int inner = std::max({ int(std::ceil(textSize.width())), footerWidth,
            showSender ? bold.horizontalAdvance(sender) : 0, quoteWidth });
    inner = std::min(inner, maxBubble - 2 * kPadX);
    const int bubbleWidth = inner + 2 * kPadX;
    const int bubbleHeight = kPadY + headerHeight + (quotes ? quoteHeight + 4 : 0)
            + int(std::ceil(textSize.height())) + 2 + small.height() + kPadY;
    const int x = l.own ? width - kSideMargin - bubbleWidth : kSideMargin;
    l.bubble = QRect(x, y, bubbleWidth, bubbleHeight);
    int inside = y + kPadY;
    if (showSender) {
        l.header = QRect(x + kPadX, inside, inner, headerHeight);
        inside += headerHeight;
    }
    if (quotes) {
        l.quote = QRect(x + kPadX, inside + 2, inner, quoteHeight);
        inside += quoteHeight + 4;
    }
    l.textOrigin = QPoint(x + kPadX, inside);
    inside += int(std::ceil(textSize.height())) + 2;
    l.footer = QRect(x + kPadX, inside, inner, small.height());
    if (l.own
            && StoredMessage::Delivery(index.data(MessageModel::DeliveryRole).toInt())
                    == StoredMessage::Delivery::Failed)
        l.retry = l.footer;
    l.height = l.bubble.bottom() + 1 - top;
    Q_UNUSED(fm);
    return l;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    opt.rect.moveTop(0);
    const Layout l = layout(opt, index);
    return QSize(std::max(0, viewportWidth(option) - 1), l.height);
}

void MessageDelegate::paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Layout l = layout(option, index);
    const QPalette &palette = option.palette;
    const bool dark = Appearance::isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor muted = mix(base, text, 0.55);
    const QFont small = smallFont(option.font);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    if (l.dayStart) {
        const QDate day = QDateTime::fromMSecsSinceEpoch(
                index.data(MessageModel::TimestampRole).toLongLong())
                                  .date();
        const QString label = dayText(day);
        painter->setFont(small);
        const QFontMetrics fm(small);
        const int labelWidth = fm.horizontalAdvance(label) + 20;
        const QRect pill(l.separator.center().x() - labelWidth / 2, l.separator.top() + 2,
                labelWidth, l.separator.height() - 4);
        painter->setPen(QPen(mix(base, text, 0.15), 1));
        const int lineY = l.separator.center().y();
        painter->drawLine(kSideMargin, lineY, pill.left() - 8, lineY);
        painter->drawLine(pill.right() + 8, lineY, l.separator.right() - kSideMargin, lineY);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(base, text, dark ? 0.12 : 0.07));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(muted);
        painter->drawText(pill, Qt::AlignCenter, label);
    }

    const QColor accent = palette.color(QPalette::Highlight);
    if (!l.unreadLine.isEmpty()) {
        const QString label = tr("New messages");
        painter->setFont(small);
        const QFontMetrics fm(small);
        const int labelWidth = fm.horizontalAdvance(label);
        const int lineY = l.unreadLine.center().y();
        const int labelLeft = l.unreadLine.right() - kSideMargin - labelWidth;
        painter->setPen(QPen(accent, 1.5));
        painter->drawLine(kSideMargin, lineY, labelLeft - 8, lineY);
        painter->drawText(QRect(labelLeft, l.unreadLine.top(), labelWidth, l.unreadLine.height()),
                Qt::AlignCenter, label);
    }
    const bool mentionsMe = index.data(MessageModel::MentionsMeRole).toBool();
    const QColor bubble = l.own ? mix(base, accent, dark ? 0.32 : 0.16)
            : mentionsMe        ? mix(base, accent, dark ? 0.22 : 0.10)
                                : mix(base, text, dark ? 0.10 : 0.05);
    painter->setPen(Qt::NoPen);
    painter->setBrush(bubble);
    painter->drawRoundedRect(l.bubble, kRadius, kRadius);
    if (mentionsMe) {
        // A bar at its edge: it names you.
        painter->setBrush(accent);
        painter->drawRoundedRect(
                QRectF(l.bubble.left(), l.bubble.top() + 4, 3, l.bubble.height() - 8), 1.5, 1.5);
    }
    if (option.state & QStyle::State_Selected) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(accent, 2));
        painter->drawRoundedRect(QRectF(l.bubble).adjusted(1, 1, -1, -1), kRadius, kRadius);
    }
    // Where the keyboard is (arrow keys, then Ctrl+C or Enter on a failed
    // one): a dashed ring inside the bubble's edge (its row has no room
    // around it), apart from selection's solid one.
    if (option.state & QStyle::State_HasFocus) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(accent, 1.5, Qt::DashLine));
        painter->drawRoundedRect(QRectF(l.bubble).adjusted(3.5, 3.5, -3.5, -3.5),
                std::max(0, kRadius - 3), std::max(0, kRadius - 3));
    }

    if (!l.header.isEmpty()) {
        const QString sender = index.data(MessageModel::SenderRole).toString();
        painter->setFont(boldFont(option.font));
        painter->setPen(Appearance::userColor(sender, palette));
        painter->drawText(l.header, Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(painter->font()).elidedText(sender, Qt::ElideRight, l.header.width()));
    }

    if (!l.quote.isEmpty()) {
        // A bar in the quoted sender's colour, their name, one line of text.
        const QString quotedSender = index.data(MessageModel::QuotedSenderRole).toString();
        const QColor barColor
                = quotedSender.isEmpty() ? muted : Appearance::userColor(quotedSender, palette);
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(bubble, text, dark ? 0.10 : 0.06));
        painter->drawRoundedRect(l.quote, 4, 4);
        painter->setBrush(barColor);
        painter->drawRoundedRect(
                QRect(l.quote.left(), l.quote.top(), 3, l.quote.height()), 1.5, 1.5);
        const QRect lines = l.quote.adjusted(9, 4, -6, -4);
        const QFont quoteFont = smallFont(option.font);
        const QFontMetrics qfm(quoteFont);
        int lineTop = lines.top();
        if (!quotedSender.isEmpty()) {
            const QFont name = boldFont(quoteFont);
            painter->setFont(name);
            painter->setPen(barColor);
            painter->drawText(QRect(lines.left(), lineTop, lines.width(), qfm.height()),
                    Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(name).elidedText(quotedSender, Qt::ElideRight, lines.width()));
        }
        lineTop += qfm.height();
        QFont lineFont = quoteFont;
        lineFont.setItalic(
                index.data(MessageModel::QuotedDeletedRole).toBool() || quotedSender.isEmpty());
        painter->setFont(lineFont);
        painter->setPen(muted);
        painter->drawText(QRect(lines.left(), lineTop, lines.width(), qfm.height()),
                Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(lineFont).elidedText(quoteLine(index), Qt::ElideRight, lines.width()));
    }

    painter->save();
    painter->translate(l.textOrigin);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = palette;
    context.palette.setColor(
            QPalette::Text, index.data(MessageModel::DeletedRole).toBool() ? muted : text);
    l.doc->documentLayout()->draw(painter, context);
    painter->restore();

    // Footer: time, and on own messages the delivery state, at the right.
    painter->setFont(small);
    const QFontMetrics fm(small);
    const QString time = timeText(index.data(MessageModel::TimestampRole).toLongLong());
    QRect footer = l.footer;
    if (l.own) {
        const auto delivery
                = StoredMessage::Delivery(index.data(MessageModel::DeliveryRole).toInt());
        const QString state = deliveryText(delivery);
        const QColor stateColor = delivery == StoredMessage::Delivery::Failed
                        || delivery == StoredMessage::Delivery::NotStored
                ? Appearance::errorColor(palette)
                : delivery == StoredMessage::Delivery::Sent ? Appearance::okColor(palette)
                                                            : muted;
        const int stateWidth = fm.horizontalAdvance(state);
        const QRect stateRect(
                footer.right() - stateWidth + 1, footer.top(), stateWidth, footer.height());
        painter->setPen(stateColor);
        QFont stateFont = small;
        stateFont.setUnderline(delivery == StoredMessage::Delivery::Failed);
        painter->setFont(stateFont);
        painter->drawText(stateRect, Qt::AlignRight | Qt::AlignVCenter, state);
        painter->setFont(small);
        // A small mark before the word: a clock, a tick or an exclamation.
        const qreal s = fm.height() * 0.62;
        const QRectF mark(stateRect.left() - s - 4, footer.center().y() - s / 2 + 0.5, s, s);
        painter->setPen(
                QPen(stateColor, std::max(1.2, s / 8), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        if (delivery == StoredMessage::Delivery::Sent) {
            QPainterPath tick;
            tick.moveTo(mark.left(), mark.center().y());
            tick.lineTo(mark.left() + s * 0.38, mark.bottom() - s * 0.12);
            tick.lineTo(mark.right(), mark.top() + s * 0.12);
            painter->drawPath(tick);
        } else if (delivery == StoredMessage::Delivery::Sending
                || delivery == StoredMessage::Delivery::Queued) {
            painter->drawEllipse(mark);
            painter->drawLine(mark.center(), QPointF(mark.center().x(), mark.top() + s * 0.22));
            painter->drawLine(mark.center(), QPointF(mark.right() - s * 0.25, mark.center().y()));
        } else if (delivery == StoredMessage::Delivery::Failed
                || delivery == StoredMessage::Delivery::NotStored) {
            painter->setBrush(stateColor);
            painter->setPen(Qt::NoPen);
            painter->drawEllipse(mark);
            painter->setPen(QPen(base, std::max(1.2, s / 7), Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(QPointF(mark.center().x(), mark.top() + s * 0.22),
                    QPointF(mark.center().x(), mark.center().y() + s * 0.08));
            painter->drawPoint(QPointF(mark.center().x(), mark.bottom() - s * 0.2));
        }
        footer.setRight(int(mark.left()) - 6);
    }
    painter->setPen(muted);
    const bool edited = index.data(MessageModel::EditedRole).toBool()
            && !index.data(MessageModel::DeletedRole).toBool();
    painter->drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
            edited ? tr("edited") + u"  "_s + time : time);
    painter->restore();
}

MessageDelegate::Hit MessageDelegate::hitTest(
        const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const
{
    const Layout l = layout(option, index);
    if (!l.retry.isEmpty() && l.retry.contains(pos))
        return { HitKind::Retry, QString() };
    if (!l.bubble.contains(pos))
        return {};
    if (!l.quote.isEmpty() && l.quote.contains(pos))
        return { HitKind::Quote, QString() };
    const QString anchor = l.doc->documentLayout()->anchorAt(QPointF(pos - l.textOrigin));
    if (!anchor.isEmpty())
        return { HitKind::Link, anchor };
    return { HitKind::Bubble, QString() };
}

} // namespace longlink::ui
