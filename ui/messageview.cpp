#include "messageview.h"

#include "messagedelegate.h"
#include "messagemodel.h"

#include <QtCore/QTimer>
#include <QtGui/QClipboard>
#include <QtGui/QDesktopServices>
#include <QtGui/QGuiApplication>
#include <QtGui/QMouseEvent>
#include <QtGui/QResizeEvent>
#include <QtWidgets/QMenu>
#include <QtWidgets/QScrollBar>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace longlink::ui {

namespace {
// Older history is fetched when fewer than this many screens are above.
constexpr double kFetchScreens = 1.5;
// Rows kept while following the newest messages: several screens of them.
constexpr int kKeptRows = 4 * MessageModel::kPageSize;
} // namespace

MessageView::MessageView(QWidget *parent) : QListView(parent), m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(Adjust);
    setUniformItemSizes(false);
    setSelectionMode(ExtendedSelection);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    setSpacing(0);
    verticalScrollBar()->setSingleStep(24);
    setAccessibleName(tr("Messages"));

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_stickToBottom = value >= verticalScrollBar()->maximum() - 4;
        m_distanceFromBottom = verticalScrollBar()->maximum() - value;
        // Fetch after the scroll settles: not from inside a layout pass.
        QTimer::singleShot(0, this, &MessageView::maybeFetchOlder);
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_fetching)
            return;
        if (m_stickToBottom)
            verticalScrollBar()->setValue(max);
        else
            verticalScrollBar()->setValue(max - m_distanceFromBottom);
    });
}

void MessageView::setMessageModel(MessageModel *model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_stickToBottom = true;
        scrollToBottom();
        QTimer::singleShot(0, this, &MessageView::maybeFetchOlder);
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first > 0 && m_stickToBottom) {
            QTimer::singleShot(0, this, [this] {
                // Reading the newest end: what scrolled far out of sight
                // above is let go (and fetched again when scrolled to).
                if (m_stickToBottom && m_model
                        && m_model->rowCount() > kKeptRows + MessageModel::kPageSize)
                    m_model->dropOlderThan(kKeptRows);
                scrollToBottom();
            });
        }
    });
}

bool MessageView::isAtBottom() const
{
    return verticalScrollBar()->value() >= verticalScrollBar()->maximum() - 4;
}

void MessageView::scrollToRow(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row);
    m_stickToBottom = false;
    scrollTo(index, PositionAtCenter);
    setCurrentIndex(index);
}

void MessageView::maybeFetchOlder()
{
    if (!m_model || m_fetching || !m_model->canFetchOlder())
        return;
    QScrollBar *bar = verticalScrollBar();
    const int screens = std::max(1, viewport()->height());
    if (bar->value() > kFetchScreens * screens && bar->maximum() > 0)
        return;
    // Keep what is on screen where it is: remember the distance from the
    // bottom, prepend, lay out now, and scroll back to the same distance.
    m_fetching = true;
    const int fromBottom = bar->maximum() - bar->value();
    const bool wasAtBottom = m_stickToBottom;
    const int fetched = m_model->fetchOlder();
    if (fetched > 0) {
        executeDelayedItemsLayout();
        updateGeometries();
        bar->setValue(wasAtBottom ? bar->maximum() : bar->maximum() - fromBottom);
    }
    m_distanceFromBottom = bar->maximum() - bar->value();
    m_fetching = false;
    // A short first page may not fill the screen yet: keep going.
    if (fetched > 0 && bar->maximum() == 0)
        QTimer::singleShot(0, this, &MessageView::maybeFetchOlder);
}

void MessageView::resizeEvent(QResizeEvent *event)
{
    const bool atBottom = m_stickToBottom;
    QListView::resizeEvent(event);
    // A message's height depends on the width it wraps to, but QListView
    // (top to bottom) lays out again only when the height changes: the
    // scrollbar appearing in a burst of messages would leave the rows laid
    // out for the wider viewport, a line too short.
    if (event->size().width() != event->oldSize().width())
        scheduleDelayedItemsLayout();
    if (atBottom)
        QTimer::singleShot(0, this, [this] { scrollToBottom(); });
}

void MessageView::mouseMoveEvent(QMouseEvent *event)
{
    QListView::mouseMoveEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    Qt::CursorShape shape = Qt::ArrowCursor;
    if (index.isValid()) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = visualRect(index);
        const auto hit = m_delegate->hitTest(option, index, event->position().toPoint());
        if (hit.kind == MessageDelegate::HitKind::Link
                || hit.kind == MessageDelegate::HitKind::Retry
                || (hit.kind == MessageDelegate::HitKind::Quote
                        && index.data(MessageModel::QuotedRowIdRole).toLongLong() > 0))
            shape = Qt::PointingHandCursor;
        if (hit.kind == MessageDelegate::HitKind::Link)
            setToolTip(hit.href);
        else
            setToolTip(QString());
    }
    viewport()->setCursor(shape);
}

void MessageView::mouseReleaseEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    if (index.isValid() && event->button() == Qt::LeftButton) {
        QStyleOptionViewItem option;
        initViewItemOption(&option);
        option.rect = visualRect(index);
        const auto hit = m_delegate->hitTest(option, index, event->position().toPoint());
        if (hit.kind == MessageDelegate::HitKind::Link) {
            const QUrl url(hit.href);
            Q_EMIT linkActivated(url);
            QDesktopServices::openUrl(url);
            event->accept();
            return;
        }
        if (hit.kind == MessageDelegate::HitKind::Retry) {
            Q_EMIT retryRequested(index.data(MessageModel::IdRole).toString());
            event->accept();
            return;
        }
        const qint64 quoted = index.data(MessageModel::QuotedRowIdRole).toLongLong();
        if (hit.kind == MessageDelegate::HitKind::Quote && quoted > 0) {
            Q_EMIT quoteActivated(quoted);
            event->accept();
            return;
        }
    }
    QListView::mouseReleaseEvent(event);
}

void MessageView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        return;
    }
    if (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier
            && currentIndex().isValid()) {
        const QPoint at = visualRect(currentIndex()).center();
        showMenu(currentIndex(), at, viewport()->mapToGlobal(at));
        return;
    }
    QListView::keyPressEvent(event);
}

void MessageView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_delegate->clearCache();
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

void MessageView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Keyboard && currentIndex().isValid()) {
        const QPoint at = visualRect(currentIndex()).center();
        showMenu(currentIndex(), at, viewport()->mapToGlobal(at));
        return;
    }
    const QModelIndex index = indexAt(event->pos());
    if (index.isValid())
        showMenu(index, event->pos(), event->globalPos());
}

void MessageView::showMenu(const QModelIndex &index, const QPoint &pos, const QPoint &globalPos)
{
    menuFor(index, pos)->exec(globalPos);
}

std::unique_ptr<QMenu> MessageView::menuFor(const QModelIndex &index, const QPoint &pos)
{
    auto owned = std::make_unique<QMenu>(this);
    QMenu &menu = *owned;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    const auto hit = m_delegate->hitTest(option, index, pos);
    const QString id = index.data(MessageModel::IdRole).toString();
    const bool deleted = index.data(MessageModel::DeletedRole).toBool();
    if (!deleted)
        menu.addAction(tr("&Reply"), this, [this, id] { Q_EMIT replyRequested(id); });
    if (index.data(MessageModel::OwnRole).toBool() && !deleted) {
        menu.addAction(tr("&Edit"), this, [this, id] { Q_EMIT editRequested(id); });
        menu.addAction(tr("&Delete…"), this, [this, id] { Q_EMIT deleteRequested(id); });
    }
    if (!menu.isEmpty())
        menu.addSeparator();
    if (hit.kind == MessageDelegate::HitKind::Link) {
        menu.addAction(tr("Copy link"), this,
                [href = hit.href] { QGuiApplication::clipboard()->setText(href); });
    }
    if (!selectionModel()->isSelected(index))
        setCurrentIndex(index);
    if (!deleted)
        menu.addAction(tr("Copy text"), this, &MessageView::copySelection);
    if (StoredMessage::Delivery(index.data(MessageModel::DeliveryRole).toInt())
            == StoredMessage::Delivery::Failed) {
        menu.addAction(tr("Retry sending"), this, [this, id] { Q_EMIT retryRequested(id); });
    }
    return owned;
}

void MessageView::copySelection()
{
    QModelIndexList rows = selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(),
            [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows)) {
        if (rows.size() == 1)
            lines.append(index.data(MessageModel::TextRole).toString());
        else
            lines.append(index.data(MessageModel::SenderRole).toString() + u": "_s
                    + index.data(MessageModel::TextRole).toString());
    }
    if (!lines.isEmpty())
        QGuiApplication::clipboard()->setText(lines.join(u'\n'));
}

} // namespace longlink::ui
