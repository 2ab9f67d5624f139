#pragma once

#include <QtWidgets/QListView>

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

Q_SIGNALS:
    void linkActivated(const QUrl &url);
    void retryRequested(const QString &messageId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void maybeFetchOlder();
    void copySelection();

    MessageDelegate *m_delegate;
    MessageModel *m_model = nullptr;
    bool m_stickToBottom = true;
    int m_distanceFromBottom = 0;
    bool m_fetching = false;
};

} // namespace longlink::ui
