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
#include <QtWidgets/QToolButton>

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

    m_jumpToNewest = new QToolButton(this);
    m_jumpToNewest->setAccessibleName(tr("Jump to the newest message"));
    m_jumpToNewest->setToolTip(tr("Jump to the newest message (Ctrl+End)"));
    m_jumpToNewest->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_jumpToNewest->setCursor(Qt::PointingHandCursor);
    m_jumpToNewest->hide();
    connect(m_jumpToNewest, &QToolButton::clicked, this, [this] {
        m_stickToBottom = true;
        scrollToBottom();
        if (m_model && m_model->rowCount() > 0)
            setCurrentIndex(m_model->index(m_model->rowCount() - 1));
        setFocus();
    });

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_stickToBottom = value >= verticalScrollBar()->maximum() - 4;
        m_distanceFromBottom = verticalScrollBar()->maximum() - value;
        updateJumpToNewest();
        // Fetch after the scroll settles: not from inside a layout pass.
        QTimer::singleShot(0, this, &MessageView::maybeFetchOlder);
    });
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_fetching)
            return;
        if (m_stickToBottom) {
            verticalScrollBar()->setValue(max);
        } else if (m_valueBeforeAppend >= 0) {
            // Rows came at the end while reading above: what is on screen stays.
            verticalScrollBar()->setValue(std::exchange(m_valueBeforeAppend, -1));
        } else {
            verticalScrollBar()->setValue(max - m_distanceFromBottom);
        }
        updateJumpToNewest();
    });
}

void MessageView::setMessageModel(MessageModel *model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_stickToBottom = true;
        m_arrivedOutOfSight = 0;
        scrollToBottom();
        QTimer::singleShot(0, this, &MessageView::maybeFetchOlder);
    });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                if (first > 0 && !m_stickToBottom
                        && first == m_model->rowCount() - (last - first + 1)) {
                    m_arrivedOutOfSight += last - first + 1; // new at the end, while reading above
                    m_valueBeforeAppend = verticalScrollBar()->value();
                    updateJumpToNewest();
                }
                if (first > 0 && m_stickToBottom) {
                    QTimer::singleShot(0, this, [this] {
                        // Reading the newest end: what scrolled far out of sight
                        // above is let go (and fetched again when scrolled to).
                        if (!m_stickToBottom)
                            return; // scrolled or jumped away meanwhile
                        if (m_model && m_model->rowCount() > kKeptRows + MessageModel::kPageSize)
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

void MessageView::scrollToRowAtTop(int row)
{
    if (!m_model || row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row);
    // Rows loaded just now are laid out first, or the position would be
    // taken from heights that are about to change.
    executeDelayedItemsLayout();
    updateGeometries();
    scrollTo(index, PositionAtTop);
    // Reading from here on: new messages do not pull the view down,
    // unless all of the room fits on the screen anyway.
    m_stickToBottom = isAtBottom();
    m_distanceFromBottom = verticalScrollBar()->maximum() - verticalScrollBar()->value();
    // The keyboard starts there; nothing is selected for it.
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    updateJumpToNewest();
}

void MessageView::updateJumpToNewest()
{
    const bool away = !isAtBottom() && verticalScrollBar()->maximum() > 0;
    if (!away)
        m_arrivedOutOfSight = 0;
    m_jumpToNewest->setText(m_arrivedOutOfSight > 0 ? tr("%n new ↓", nullptr, m_arrivedOutOfSight)
                                                    : QStringLiteral("↓"));
    m_jumpToNewest->adjustSize();
    const QRect area = viewport()->geometry();
    m_jumpToNewest->move(area.right() - m_jumpToNewest->width() - 16,
            area.bottom() - m_jumpToNewest->height() - 12);
    m_jumpToNewest->setVisible(away);
    m_jumpToNewest->raise();
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
    // (Still at the bottom when it runs: a jump may have come between.)
    if (atBottom)
        QTimer::singleShot(0, this, [this] {
            if (m_stickToBottom)
                scrollToBottom();
        });
    updateJumpToNewest();
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
