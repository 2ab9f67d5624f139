#pragma once

#include <QtWidgets/QListView>

#include <memory>

class QMenu;
class QToolButton;

namespace longlink::ui {

class MessageDelegate;
class MessageModel;

// The message list: sticks to the bottom while new messages come, fetches
// older history when scrolled near the top without moving what is on
// screen, opens links and retries failed messages on click.
class MessageView : public QListView
{
    Q_OBJECT

public:
    explicit MessageView(QWidget *parent = nullptr);

    void setMessageModel(MessageModel *model);
    MessageDelegate *messageDelegate() const { return m_delegate; }
    bool isAtBottom() const;
    void scrollToRow(int row);
    // Shows `row` at the top (the first unread message when a room opens).
    void scrollToRowAtTop(int row);
    // Over the bottom corner while the newest messages are out of sight:
    // says how many arrived meanwhile, and goes there on a click.
    QToolButton *jumpToNewestButton() const { return m_jumpToNewest; }
    // The message's menu as it would open at `pos` (viewport coordinates):
    // reply, edit and delete (own ones), copy, retry.
    std::unique_ptr<QMenu> menuFor(const QModelIndex &index, const QPoint &pos);

Q_SIGNALS:
    void linkActivated(const QUrl &url);
    void retryRequested(const QString &messageId);
    void replyRequested(const QString &messageId);
    void editRequested(const QString &messageId);
    void deleteRequested(const QString &messageId);
    // The quote in a reply was clicked: the message it shows (rowId in the store).
    void quoteActivated(qint64 rowId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void maybeFetchOlder();
    void updateJumpToNewest();
    void copySelection();
    // The message's menu (right click, the Menu key, Shift+F10).
    void showMenu(const QModelIndex &index, const QPoint &pos, const QPoint &globalPos);

    MessageDelegate *m_delegate;
    MessageModel *m_model = nullptr;
    bool m_stickToBottom = true;
    int m_distanceFromBottom = 0;
    int m_valueBeforeAppend = -1; // kept through the next range change
    bool m_fetching = false;
    QToolButton *m_jumpToNewest = nullptr;
    int m_arrivedOutOfSight = 0;
};

} // namespace longlink::ui
